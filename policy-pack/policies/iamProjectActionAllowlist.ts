import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import { factConfig, platformFacts } from "../lib/platformFacts";
import { projectIdOfName } from "../lib/project";
import { projectOfResource, stackProjectOf } from "../lib/stackProject";
import { statementLabel } from "../lib/iamDoc";
import { statementProblems } from "../lib/actionAllowlist";
import { identityDocuments, IDENTITY_POLICY_TYPES, policyOwnerName } from "../lib/iamHelpers";

const FACTS = factConfig("accountId", "env", "platformKeyArn", "privateSubnetIds", "vpcId");

const ASK =
  "project identities get only the actions listed in components/project/iamAllowlist.ts (what the platform's own project roles use); ask the platform team to add an action there with its resource scoping";

/** Default-deny on actions: project identity policies grant only allowlisted actions, each on the
 * project's own resources (judged by the literal prefix of each resource pattern). */
export const iamProjectActionAllowlist = defineStackPolicy({
  name: "iam-project-action-allowlist",
  description:
    "Identity policies of a project stack grant only the actions the platform's project roles use (components/project/iamAllowlist.ts), never NotAction, and each resource pattern's literal part (up to its first wildcard or policy variable) contains the project's own resource prefix, in the platform account. A wildcard resource is accepted only when a condition pins it to the project (ForAllValues only with Null false; aws:RequestTag only for the resource the action creates; ec2:Vpc only for interfaces); PutMetricData only with cloudwatch:namespace bound exactly to the project namespaces; the platform key only with kms:ViaService bound to S3/Glue.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: ASK,
  config: FACTS.config,
  configSchema: { properties: FACTS.schema },
  validate(ctx) {
    const facts = platformFacts(ctx.config);
    const stackOwner = stackProjectOf(ctx.resources);
    for (const r of ctx.resources) {
      if (!(IDENTITY_POLICY_TYPES as readonly string[]).includes(r.type)) continue;
      const owner = stackOwner ?? projectIdOfName(policyOwnerName(r.props)) ?? projectOfResource(r.props);
      if (!owner) continue;
      const rctx = {
        type: r.type,
        props: r.props,
        report: (what: string, how: string) => ctx.report(r as PolicyResource, what, how),
      };
      for (const { where, statements } of identityDocuments(rctx))
        for (const [i, s] of statements.entries()) {
          if (s.effect !== "Allow") continue;
          for (const p of statementProblems(s, owner, facts))
            ctx.report(r, `${where} ${statementLabel(s, i)} ${p}`, ASK);
        }
    }
  },
});
