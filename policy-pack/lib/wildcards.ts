/**
 * Wildcard semantics for IAM resources: does a resource pattern (`*` any run of characters, `?` one,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html) match an
 * ARN of another project or of the platform? Judged against probe ARNs built by the naming module, so
 * `project-*`, `database/*`, `table/*\/*` and `*` are caught however they are spelled.
 */
import { LAKE_LAYERS, PlatformNames, ProjectNames } from "../../components/naming";
import { actionMatches, isResourceLessAction, NormalizedStatement } from "./iamDoc";

/** Two project ids; probes use the one that is not the policy's owner. */
const PROBE_PROJECTS = ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"];

export interface Probe {
  readonly service: string;
  readonly what: string;
  readonly arn: string;
}

function field(pattern: string, i: number, fallback: string): string {
  const parts = pattern.split(":");
  const v = parts[i];
  return pattern.startsWith("arn:") && v !== undefined && v !== "" && !/[*?]/.test(v) && parts.length > 5
    ? v
    : fallback;
}

/** Probe ARNs of another project, shaped after the pattern's own partition/region/account. */
export function foreignProbes(pattern: string, owner: string | undefined): Probe[] {
  const id = PROBE_PROJECTS.find((p) => p !== owner) as string;
  const n = new ProjectNames(id, "dev");
  const partition = field(pattern, 1, "aws");
  const region = field(pattern, 3, "eu-west-1");
  const account = field(pattern, 4, "123456789012");
  const a = (svc: string, res: string, global = false) =>
    `arn:${partition}:${svc}:${global ? "" : region}:${global ? (svc === "s3" ? "" : account) : account}:${res}`;
  // The bucket of an S3 pattern, when literal, is probed with another project's prefix (the lake).
  const s3Bucket = /^arn:[^:]+:s3:::([^/*?]+)\//.exec(pattern)?.[1];
  const probes: Probe[] = [
    { service: "s3", what: "scripts bucket", arn: a("s3", n.bucket("scripts"), true) },
    { service: "s3", what: "objects", arn: a("s3", `${n.bucket("temp")}/x`, true) },
    ...(s3Bucket && !s3Bucket.startsWith("project-")
      ? [
          {
            service: "s3",
            what: `prefix in ${s3Bucket}`,
            arn: a("s3", `${s3Bucket}/${n.lakePrefix()}x`, true),
          },
        ]
      : LAKE_LAYERS.map((layer) => ({
          service: "s3",
          what: `prefix in the ${layer} lake`,
          arn: a(
            "s3",
            `${new PlatformNames("dev", { partition, accountId: account, region }).lakeBucket(layer)}/${n.lakePrefix()}x`,
            true,
          ),
        }))),
    ...LAKE_LAYERS.flatMap((layer) => [
      { service: "glue", what: "database", arn: a("glue", `database/${n.catalogDatabase(layer)}`) },
      { service: "glue", what: "table", arn: a("glue", `table/${n.catalogDatabase(layer)}/t`) },
    ]),
    { service: "glue", what: "job", arn: a("glue", `job/${n.job("x")}`) },
    { service: "glue", what: "crawler", arn: a("glue", `crawler/${n.crawler("x")}`) },
    { service: "glue", what: "trigger", arn: a("glue", `trigger/${n.trigger("x")}`) },
    { service: "glue", what: "workflow", arn: a("glue", `workflow/${n.workflow("x")}`) },
    { service: "glue", what: "connection", arn: a("glue", `connection/${n.connection()}`) },
    { service: "iam", what: "role", arn: a("iam", `role/${n.jobRole()}`, true) },
    { service: "dynamodb", what: "table", arn: a("dynamodb", `table/${n.jobStateTable()}`) },
    { service: "sqs", what: "queue", arn: a("sqs", n.deadLetterQueue()) },
    { service: "sns", what: "topic", arn: a("sns", n.topic()) },
    { service: "kms", what: "key alias", arn: a("kms", n.keyAlias()) },
  ];
  return probes;
}

const patterns = new Map<string, RegExp>();

/** IAM resource wildcard match (case-sensitive, `*` crosses `:` and `/`). */
export function resourceMatches(pattern: string, arn: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    re = new RegExp(`^${body}$`);
    patterns.set(pattern, re);
  }
  return re.test(arn);
}

/** Does the statement allow some action of `service`? */
export function allowsService(st: NormalizedStatement, service: string): boolean {
  if (st.notActions.length > 0)
    return !st.notActions.some((a) => actionMatches(a, `${service}:*`) || a === "*");
  // Actions without resource-level permissions (e.g. glue:ListSessions) need Resource "*" and reach nothing.
  return st.actions
    .filter((a) => !isResourceLessAction(a))
    .some((a) => a === "*" || actionMatches(a.split(":")[0] ?? a, service));
}

/** Probes of other projects that a statement's resources (or NotResource) reach. */
export function foreignMatches(
  st: NormalizedStatement,
  owner: string | undefined,
): { pattern: string; probe: Probe }[] {
  const out: { pattern: string; probe: Probe }[] = [];
  for (const pattern of st.resources) {
    if (!/[*?]/.test(pattern)) continue;
    const probe = foreignProbes(pattern, owner).find(
      (p) => allowsService(st, p.service) && resourceMatches(pattern, p.arn),
    );
    if (probe) out.push({ pattern, probe });
  }
  if (st.notResources.length > 0) {
    const probe = foreignProbes("*", owner).find(
      (p) => allowsService(st, p.service) && !st.notResources.some((nr) => resourceMatches(nr, p.arn)),
    );
    if (probe) out.push({ pattern: `NotResource ${st.notResources.join(", ")}`, probe });
  }
  return out;
}
