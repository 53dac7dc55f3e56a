/** Project identity from names: every project resource is `project-{uuid}-…` (components/naming). */
import {
  isAccessLogBucket,
  lakeLayerOfBucket,
  projectBucketPurposeOf,
  projectIdOfName,
  ProjectIdNames,
  UUID_V4,
} from "../../components/naming";
import { stackIdentity } from "./stackIdentity";

/** Shared lake buckets (`glue-lake-<layer>-…`) and the access-log bucket, parsed by components/naming. */
export { isAccessLogBucket, lakeLayerOfBucket, projectIdOfName };

/** Names of a project's fixed resources, for comparisons; env-independent ones only. */
export function projectNamesOf(projectId: string): ProjectIdNames {
  return new ProjectIdNames(projectId);
}

export function isProjectId(id: string | undefined): id is string {
  return id !== undefined && UUID_V4.test(id);
}

/** `arn:<partition>:iam::<account>:role/<name>` or a bare role name → role name. */
export function roleNameOf(roleOrArn: string | undefined): string | undefined {
  if (roleOrArn === undefined) return undefined;
  const m = /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(roleOrArn);
  if (m) return m[1];
  return roleOrArn.startsWith("arn:") ? undefined : roleOrArn;
}

/** The project a resource belongs to: its own name first, else the given fallback name. */
export function owningProject(...names: (string | undefined)[]): string | undefined {
  for (const n of names) {
    const id = projectIdOfName(n);
    if (id) return id;
  }
  return undefined;
}

/** `s3://bucket/key` → { bucket, key }. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return m ? { bucket: m[1], key: m[2] } : undefined;
}

/** A project's own buckets: `project-{uuid}-<purpose>-<env>`. */
export function projectBucketPurpose(bucket: string, projectId: string): string | undefined {
  return projectBucketPurposeOf(bucket, projectId);
}

/** The project a resource is judged for: the stack's own project when the stack is a project stack
 * (a name of another project is refused by the own-project rule), else the project its name
 * carries. So a rule reports its own, most specific problem even when the name is also wrong. */
export function ownProjectId(name: string | undefined): string | undefined {
  const id = stackIdentity();
  return id.kind === "project" ? id.projectId : projectIdOfName(name);
}

/** The project a Glue resource belongs to (see ownProjectId), or a violation saying how to name it. */
export function ownerOrReport(
  name: unknown,
  kind: "job" | "crawler" | "trigger",
  report: (what: string, how: string) => void,
): string | undefined {
  const owner = ownProjectId(typeof name === "string" ? name : undefined);
  if (!owner) {
    const factory = {
      job: "ProjectNames.job",
      crawler: "ProjectNames.crawler",
      trigger: "ProjectNames.trigger",
    }[kind];
    report(
      `is not named project-{uuid}-${kind}-<name>, so its project cannot be determined`,
      `name it with ${factory} so it carries its project's UUID`,
    );
  }
  return owner;
}
