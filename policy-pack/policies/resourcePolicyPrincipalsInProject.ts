import { defineStackPolicy } from "../lib/define";
import { isEveryone, NormalizedStatement, statementLabel } from "../lib/iamDoc";
import { knownPolicyStatements } from "../lib/ownOutputs";
import { factConfig, FactsConfig, platformPlace } from "../lib/platformFacts";
import {
  actionAllowed,
  describePins,
  isAccountRoot,
  isProjectIdentity,
  pinnedToProjectSources,
  PolicyKind,
  policyKindOf,
  ProjectPlace,
  projectRoleNames,
  ServiceGrant,
  serviceGrants,
} from "../lib/projectPrincipals";
import { RESOURCE_POLICY_FIELDS } from "../lib/resourcePolicyFields";
import { stackIdentity } from "../lib/stackIdentity";
import { stackProjectOf } from "../lib/stackProject";
import { T } from "../lib/types";
import { has } from "../lib/values";

const FIX =
  "name only this project's own roles (arn:<partition>:iam::<account>:role/project-{uuid}-glue-<job|crawler|dev|events|optimizer>-role, or a session of one), the account root only in a key policy, and only the allowed service principals pinned with aws:SourceArn to this project's own rules, alarms, budget or topic; grant anyone else through the platform team";

const KIND_LABEL: Readonly<Record<PolicyKind, string>> = {
  key: "key policy",
  bucket: "bucket policy",
  topic: "topic policy",
  queue: "queue policy",
  other: "resource policy",
};

type Report = (what: string, how: string) => void;

/** AWS principals: the project's own identities; the account root only in a key policy. */
function judgeAwsPrincipals(values: string[], kind: PolicyKind, place: ProjectPlace, report: Report): void {
  for (const v of values) {
    if (isProjectIdentity(v, place)) continue;
    if (isAccountRoot(v, place)) {
      if (kind === "key") continue;
      report(
        `grants the account root ${v}: only a key policy needs the account (its administration statement); here it would admit any identity of the shared account that an identity policy allows`,
        "name this project's own roles instead of the account",
      );
      continue;
    }
    report(
      `grants ${v}, which is not one of this project's own roles (${projectRoleNames(place.projectId).join(", ")}) in account ${place.accountId}`,
      FIX,
    );
  }
}

/** Service principals: allowed for this kind, with allowed actions, pinned to project sources. */
function judgeServices(
  st: NormalizedStatement,
  services: string[],
  kind: PolicyKind,
  place: ProjectPlace,
  report: Report,
): void {
  const grants = serviceGrants(kind, place.region);
  const allowed: ServiceGrant[] = [];
  for (const svc of services) {
    const g = grants[svc];
    if (!g) {
      const names = Object.keys(grants);
      report(
        `grants the service ${svc}, which a project's ${KIND_LABEL[kind]} may not name (${names.length > 0 ? `allowed: ${names.join(", ")}` : "no service is allowed here"})`,
        FIX,
      );
      continue;
    }
    allowed.push(g);
    if (st.notActions.length > 0) {
      report(`grants ${svc} every action except ${st.notActions.join(", ")} (NotAction)`, FIX);
      continue;
    }
    for (const a of st.actions)
      if (!actionAllowed(a, g.actions))
        report(`grants ${svc} ${a}; a ${KIND_LABEL[kind]} may give it only ${g.actions.join(", ")}`, FIX);
  }
  if (allowed.length === 0) return;
  const pins: Record<string, (typeof allowed)[number]["pins"][string]> = {};
  for (const g of allowed)
    for (const [k, kinds] of Object.entries(g.pins)) pins[k] = [...new Set([...(pins[k] ?? []), ...kinds])];
  if (!pinnedToProjectSources(st, pins, place))
    report(
      `grants the service ${services.join(", ")} without a condition that pins its source to this project (${describePins(pins)}); aws:SourceAccount alone admits every project's resources in the shared account`,
      'add ArnLike/ArnEquals {"aws:SourceArn": [<this project\'s rule, alarm, budget or topic ARN>]} (components/project/operationsPlan.ts topicPolicy does)',
    );
}

/**
 * Default-deny on principals, for resource policies of a project stack: the project shares its
 * account with every other project, so a principal of the same account is not "inside" the project.
 * Every Allow statement may name only the project's own roles (or sessions of them), the account
 * root only in a key policy (where the default administration statement needs it), and only the
 * service principals allowed for the policy's kind, with their actions, pinned to the project's own
 * sources. Allows to everyone are judged by resource-policy-no-everyone-grants; role trust policies
 * by iam-project-role-trust.
 */
export const resourcePolicyPrincipalsInProject = defineStackPolicy<FactsConfig>({
  name: "resource-policy-principals-in-project",
  description:
    "In a project stack, every Allow of a resource policy (key, bucket, topic, queue, secret, … policies) names only the project's own roles or their sessions (exact, parsed ARNs in the platform account), the account root only in a key policy, and only the service principals allowed for that kind of policy (topic: EventBridge, CloudWatch alarms, Budgets publishing; queue: EventBridge, SNS; key: those publishers, SNS and CloudWatch Logs) with their listed actions, pinned by aws:SourceArn (or the listed KMS encryption context) to the project's own rules, alarms, budget, topic or Glue log groups; aws:SourceAccount alone does not pin a service to the project.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: FIX,
  config: factConfig("accountId", "region", "partition").config,
  configSchema: { properties: factConfig("accountId", "region", "partition").schema },
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind === "platform") return;
    const projectId = id.kind === "project" ? id.projectId : stackProjectOf(ctx.resources);
    if (!projectId) return;
    const facts = platformPlace(ctx.config as Record<string, unknown>);
    for (const r of ctx.resources) {
      if (r.type === T.role) continue; // trust policies: iam-project-role-trust
      const field = RESOURCE_POLICY_FIELDS[r.type];
      if (!field || !has(r.props, field)) continue;
      // Unknown at preview: judged at pulumi up when built from the stack's own resources, refused
      // by iam-resource-policy-scope otherwise (lib/ownOutputs.ts).
      const statements = knownPolicyStatements(r, field, ctx.resources);
      if (!statements) continue;
      const kind = policyKindOf(r.type);
      statements.forEach((st, i) => {
        if (st.effect !== "Allow" || st.notPrincipals !== undefined || isEveryone(st.principals)) return;
        if (st.principals === undefined || st.principals === "*") return;
        const report: Report = (what, how) => ctx.report(r, `${field} ${statementLabel(st, i)} ${what}`, how);
        if ("what" in facts) {
          report(facts.what, facts.how);
          return;
        }
        const place: ProjectPlace = { ...facts, projectId };
        // Other principal kinds (Federated, CanonicalUser) are refused by iam-resource-policy-scope.
        judgeAwsPrincipals(st.principals.AWS ?? [], kind, place, report);
        const services = st.principals.Service ?? [];
        if (services.length > 0) judgeServices(st, services, kind, place, report);
      });
    }
  },
});
