/** Where the tests' own fixtures live, whatever folder a test file is in. */
import * as path from "path";
import { REPO_ROOT } from "../../tools/runner/discover";

export { REPO_ROOT };
export const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures");
/** Programs the pack must block, each with a `// blocked-by:` header. */
export const NONCOMPLIANT_CORPUS = path.join(FIXTURES, "noncompliant");
/** Programs in unusual but legitimate styles the pack must pass. */
export const COMPLIANT_PROGRAMS = path.join(FIXTURES, "compliant");
/** The project the fixture programs belong to (their stacks' `glue-project:spec`). */
export const FIXTURE_PROJECT_SPEC = path.join(FIXTURES, "project", "project.yaml");
/** Scratch space of tests (git-ignored). */
export const TEST_TMP = path.join(REPO_ROOT, "tests", ".tmp");
