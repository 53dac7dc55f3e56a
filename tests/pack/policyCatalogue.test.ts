import { strict as assert } from "assert";
import { policies } from "../../policy-pack/policies";
import { AWS_RULE_POLICIES } from "../support/awsRules";
import { GLUE_CATALOG_CASES } from "./cases/glueCatalogCases";
import { GLUE_JOB_CASES } from "./cases/glueJobCases";
import { IAM_NETWORK_CASES } from "./cases/iamNetworkCases";
import { STORAGE_CASES } from "./cases/storageCases";

const STACK_GUARD_POLICIES = [
  "stack-identity-known",
  "stack-allowed-resource-types",
  "project-stack-own-project-only",
  "glue-job-special-parameters",
  "glue-trigger-run-overrides",
  "schedule-minimum-interval",
];

describe("policy pack catalogue", () => {
  it("has at least 24 uniquely named policies with full metadata", () => {
    assert.ok(policies.length >= 24, `${policies.length} policies`);
    assert.equal(new Set(policies.map((p) => p.name)).size, policies.length);
    for (const p of policies) {
      assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.notEqual(p.name, "all");
      assert.ok(p.description.length > 20, p.name);
      assert.ok(p.severity, p.name);
      assert.ok(p.remediationSteps && p.remediationSteps.length > 10, p.name);
      assert.ok(p.enforcementLevel, p.name);
      assert.equal(p.configSchema?.properties?.enforcementLevel, undefined);
    }
  });

  it("every policy is exercised by a case of tests/pack/cases/ or a test named here", () => {
    const covered = new Set([
      ...[...GLUE_JOB_CASES, ...GLUE_CATALOG_CASES, ...IAM_NETWORK_CASES, ...STORAGE_CASES].map(
        (c) => c.policy,
      ),
      "glue-project-dpu-cap",
      "glue-connection-project-sg-and-platform-subnet",
      "s3-bucket-hardening",
      "network-required-endpoints-and-flow-logs",
      // Exercised in tests/project/accessLogsAndQueues.test.ts (compliant styles, broken stacks, unknowns).
      "s3-bucket-access-logging",
      "sqs-queue-tls-only",
      "network-security-group-scope",
      "iam-attach-only-own-policies",
      "iam-resource-policy-scope",
      "kms-customer-managed-keys",
      "glue-role-by-dependency",
      // Exercised in tests/project/destinations.test.ts.
      "destinations-in-project",
      // Exercised in tests/pack/triggerGraph.test.ts.
      "glue-trigger-graph",
      "glue-workflow-run-properties",
      // Exercised in tests/pack/projectActionAllowlist.test.ts (literal prefixes, repository stacks).
      "iam-project-action-allowlist",
      // Judged per stack identity: exercised through the gate in tests/pack/stackGuard.test.ts.
      ...STACK_GUARD_POLICIES,
      // exercised in tests/spec/awsRules.test.ts
      ...AWS_RULE_POLICIES,
      // Judged per project-stack identity: exercised by the noncompliant corpus (tests/gate/gate.test.ts)
      // and, for compliance, by every sample stack of both envs.
      "project-scoped-references",
      "project-provider-settings",
      "glue-catalog-table-location",
      // Exercised in tests/project/tableOptimizers.test.ts (planned optimizers pass, each broken field blocked).
      "glue-table-optimizer-scope",
      // Exercised by the noncompliant corpus and the compliant fixtures (tests/gate.test.ts,
      // tests/stackGuard.test.ts); event patterns also in tests/eventPatterns.test.ts.
      "eventbridge-own-events-only",
      "glue-trigger-action-limit",
      "kms-key-single-region",
      "accounts-and-regions-in-platform",
      "glue-s3-locations-in-project",
      "glue-no-external-access-settings",
      "network-security-group-in-platform-vpc",
      "iam-lake-listing-by-project-prefix",
      "resource-policy-no-everyone-grants",
      "resource-policy-project-principal-actions",
      // Exercised in tests/pack/resourcePolicyPrincipals.test.ts and by the corpus.
      "resource-policy-principals-in-project",
      "iam-project-role-trust-exact",
      // Exercised by the noncompliant corpus (tests/gate.test.ts) and tests/gateResourceOptions.test.ts;
      // compliance by every sample stack and the compliant corpus.
      "project-provider-plugin",
      "kms-key-store-and-admin",
      "budget-project-scope",
      "budget-monthly-cost-shape",
      "notification-emails-allowed",
      "dashboard-project-metrics",
      "alarm-project-metrics",
      "event-target-kinds",
      "object-content-sources",
      "project-ignore-changes",
      // Exercised in tests/pack/argumentMeanings.test.ts and tests/pack/siblingFields.test.ts, and by the corpus.
      "glue-runtime-context-arguments",
      "glue-dq-evaluator-arguments",
      "glue-connection-properties-allowlist",
      "glue-references-own-resources",
      "glue-catalog-no-views",
      // Exercised by the noncompliant corpus and tests/pack/exactNamesAndMetricMath.test.ts, otherProjectsContent.test.ts.
      "dashboard-widget-kinds",
      "no-secrets-in-stack-outputs",
      // Exercised by the noncompliant and compliant corpus (tests/gate/gate.test.ts) and
      // tests/pack/failureChainsAndWorkUnits.test.ts.
      "glue-failure-chain-retries",
      "schedule-floor-same-work",
    ]);
    assert.deepEqual(
      policies.map((p) => p.name).filter((n) => !covered.has(n)),
      [],
    );
  });
});
