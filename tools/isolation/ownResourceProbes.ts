/**
 * Probes of the grants that name a project's own Glue resources exactly (jobs, crawlers, data-quality
 * rulesets, catalog databases), of the network the dev role's sessions are pinned to, and of the
 * security group Glue's interfaces get. Every name comes from the stacks (model.ts); a name in the
 * project's prefix that the spec does not declare must be denied (a prefix grant would allow it).
 * Expected results come from OWN_RESOURCE_EXPECTED_ACCESS only.
 */
import type { PlatformAccess, ProjectAccess } from "./model";
import type { AddProbe, Check, ExpectedAccess } from "./probes";

export const OWN_RESOURCE_EXPECTED_ACCESS: ExpectedAccess = {
  "catalog-read": {
    own: ["job", "crawler", "dev"],
    foreign: [],
    what: "glue:GetTable (catalog+database+table)",
  },
  "catalog-write": {
    own: ["job", "crawler", "dev"],
    foreign: [],
    what: "glue:CreateTable/UpdateTable (catalog+database+table)",
  },
  "catalog-delete": {
    own: ["job", "crawler", "dev"],
    foreign: [],
    what: "glue:DeleteTable (catalog+database+table)",
  },
  "catalog-undeclared-db": {
    own: [],
    foreign: [],
    what: "glue:GetTable in a database of the project's prefix the spec does not declare",
  },
  "job-get": { own: ["job", "dev"], foreign: [], what: "glue:GetJob of a job the spec declares" },
  "job-start": { own: ["dev"], foreign: [], what: "glue:StartJobRun of a job the spec declares" },
  "job-undeclared": {
    own: [],
    foreign: [],
    what: "glue:GetJob/StartJobRun of a job of the project's prefix the spec does not declare",
  },
  "crawler-start": { own: ["dev"], foreign: [], what: "glue:StartCrawler of a crawler the spec declares" },
  "crawler-undeclared": {
    own: [],
    foreign: [],
    what: "glue:StartCrawler of a crawler of the project's prefix the spec does not declare",
  },
  "dq-start": {
    own: ["job"],
    foreign: [],
    what: "glue:StartDataQualityRulesetEvaluationRun of the project's rulesets",
  },
  "dq-undeclared": {
    own: [],
    foreign: [],
    what: "glue:StartDataQualityRulesetEvaluationRun of a ruleset of the project's prefix the spec does not declare",
  },
  "session-no-connection": {
    own: [],
    foreign: [],
    what: "glue:CreateSession without a connection (no VPC, subnet or security group)",
  },
  "session-foreign-subnet": {
    own: [],
    foreign: [],
    what: "glue:CreateSession in the platform VPC but a subnet outside the project's connections",
  },
  "eni-create-project-sg": {
    own: ["job", "crawler"],
    foreign: [],
    what: "ec2:CreateNetworkInterface with the project's security group (the one a session's connection carries)",
  },
};

/** A name in the target's prefix that no spec declares: `<physical name of the first>-undeclared`. */
const undeclared = (declared: string[], fallback: string) => `${declared[0] ?? fallback}-undeclared`;

export function addOwnResourceProbes(
  add: AddProbe,
  t: ProjectAccess,
  platform: PlatformAccess,
  arn: (svc: string, res: string) => string,
): void {
  const { jobs, crawlers, dataQualityRulesets, databases } = t.glue;
  const catalog = (action: string, db: string): Check[] => [
    { action, resource: arn("glue", "catalog") },
    { action, resource: arn("glue", `database/${db}`) },
    { action, resource: arn("glue", `table/${db}/customers`) },
  ];
  for (const db of databases) {
    const sfx = ` (${db.split("-").pop()})`;
    add("catalog-read", catalog("glue:GetTable", db), {}, sfx);
    add("catalog-write", catalog("glue:CreateTable", db), {}, `${sfx} (create)`);
    add("catalog-write", catalog("glue:UpdateTable", db), {}, `${sfx} (update)`);
    add("catalog-delete", catalog("glue:DeleteTable", db), {}, sfx);
  }
  add(
    "catalog-undeclared-db",
    catalog("glue:GetTable", undeclared(databases, t.names.catalogDatabase("bronze"))),
  );

  for (const job of jobs) {
    const resource = arn("glue", `job/${job}`);
    add("job-get", [{ action: "glue:GetJob", resource }], {}, ` (${job})`);
    add("job-start", [{ action: "glue:StartJobRun", resource }], {}, ` (${job})`);
  }
  const otherJob = arn("glue", `job/${undeclared(jobs, t.names.job("etl"))}`);
  add("job-undeclared", [{ action: "glue:GetJob", resource: otherJob }], {}, " (get)");
  add("job-undeclared", [{ action: "glue:StartJobRun", resource: otherJob }], {}, " (start)");

  for (const c of crawlers)
    add(
      "crawler-start",
      [{ action: "glue:StartCrawler", resource: arn("glue", `crawler/${c}`) }],
      {},
      ` (${c})`,
    );
  add("crawler-undeclared", [
    {
      action: "glue:StartCrawler",
      resource: arn("glue", `crawler/${undeclared(crawlers, t.names.crawler("raw"))}`),
    },
  ]);

  const dqStart = (name: string): Check[] => [
    {
      action: "glue:StartDataQualityRulesetEvaluationRun",
      resource: arn("glue", `dataQualityRuleset/${name}`),
    },
  ];
  for (const r of dataQualityRulesets) add("dq-start", dqStart(r), {}, ` (${r})`);
  add("dq-undeclared", dqStart(undeclared(dataQualityRulesets, t.names.dataQualityRuleset("checks"))));

  // The dev role's sessions: pinned to the project's connections' VPC and subnets, and to a security
  // group; the runtime role may create Glue's interfaces only with the project's security group.
  const session = arn("glue", `session/${t.slug}-notebook`);
  const sessionContext = {
    "aws:RequestTag/Project": t.connectionSecurityGroupTag,
    "aws:TagKeys": ["Project"],
  };
  add("session-no-connection", [{ action: "glue:CreateSession", resource: session }], sessionContext);
  add("session-foreign-subnet", [{ action: "glue:CreateSession", resource: session }], {
    ...sessionContext,
    "glue:VpcIds": [platform.vpcId],
    "glue:SubnetIds": ["subnet-0fffffffffffffff0"],
    "glue:SecurityGroupIds": ["sg-0123456789abcdef0"],
  });
  add(
    "eni-create-project-sg",
    [{ action: "ec2:CreateNetworkInterface", resource: arn("ec2", "security-group/sg-0123456789abcdef0") }],
    { "aws:ResourceTag/Project": t.connectionSecurityGroupTag },
  );
}
