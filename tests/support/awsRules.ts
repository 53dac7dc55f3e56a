/**
 * Shared by the tests of rules AWS enforces that the mock runtime cannot see (tests/spec/awsRules.test.ts,
 * cron.test.ts, eventTriggers.test.ts, dataQualityRules.test.ts): each is checked at spec validation
 * (file:line) and by a pack policy, and each test fails if the rule is dropped.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { formatProblem, SpecError } from "../../components/spec/problems";
import { loadProjectSpec } from "../../components/spec/validate";
import { policies } from "../../policy-pack/policies";
import { FIXTURES } from "./paths";

/** The pack policies this file exercises (the catalogue test in tests/pack/policyCatalogue.test.ts reads this list). */
export const AWS_RULE_POLICIES = [
  "glue-crawler-incremental-log-only",
  "glue-schedule-aws-cron",
  "glue-event-trigger-wired",
  // exercised in tests/project/leastPrivilege.test.ts
  "iam-forallvalues-tag-keys-present",
];

export const AWS_RULES_FIXTURE = path.join(FIXTURES, "aws-rules");
const BASE = fs.readFileSync(path.join(AWS_RULES_FIXTURE, "project.yaml"), "utf8");
export const policy = (name: string) => policies.find((p) => p.name === name) as ResourceValidationPolicy;

/** Problems of the fixture spec after a text replacement, formatted as the CLI prints them. */
export function problemsOf(from: string | RegExp, to: string): string[] {
  const text = BASE.replace(from, to);
  if (from !== "") assert.notEqual(text, BASE, `fixture does not contain ${String(from)}`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aws-rules-"));
  fs.cpSync(AWS_RULES_FIXTURE, root, { recursive: true });
  fs.writeFileSync(path.join(root, "project.yaml"), text);
  try {
    loadProjectSpec(path.join(root, "project.yaml"));
    return [];
  } catch (e) {
    if (e instanceof SpecError) return e.problems.map((p) => formatProblem({ ...p, file: "project.yaml" }));
    throw e;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
