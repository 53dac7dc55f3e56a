/**
 * Another project's identity inside a value (lib/otherProjects.ts), learned from the project specs
 * the repository holds — whatever projects it holds today.
 */
import { strict as assert } from "assert";
import { knownProjects, otherProjectsIn } from "../../policy-pack/lib/otherProjects";

const OWN = { projectId: "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6", spec: "/x/fixture/project.yaml" };

describe("other projects' identity in text", () => {
  it("knows every project spec of the repository", () => {
    const projects = knownProjects();
    assert.ok(projects.length > 0);
    for (const p of projects) assert.match(p.projectId, /^[0-9a-f-]{36}$/);
  });

  it("finds another project's project-{uuid}, bare id and spec path; not the stack's own", () => {
    const [other] = knownProjects();
    assert.ok(other);
    assert.deepEqual(otherProjectsIn(`projectId: ${other.projectId}`, OWN), [
      `project ${other.slug} (${other.projectId})`,
    ]);
    assert.equal(otherProjectsIn(`bucket project-${other.projectId}-scripts-dev`, OWN).length, 1);
    assert.equal(otherProjectsIn(`glue-project:spec: ${other.slug}/project.yaml`, OWN).length, 1);
    assert.equal(otherProjectsIn("glue-project:spec: someone-else/project.yml", OWN).length, 1);
    assert.deepEqual(
      otherProjectsIn(`project-${OWN.projectId}-job; spec fixture/project.yaml; ${OWN.projectId}`, OWN),
      [],
    );
    // A UUID of no known project is an opaque id, not a project.
    assert.deepEqual(otherProjectsIn("run 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", OWN), []);
  });
});
