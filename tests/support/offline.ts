/** Runs the offline check once per test process and shares the captured stacks between test files
 * (running every program takes seconds; the results are read-only). */
import { CheckedStack, runOfflineCheck } from "../../tools/gate/offlineCheck";
import { CapturedResource } from "../../tools/runner/runStack";

let cached: Promise<CheckedStack[]> | undefined;

export function repositoryStacks(): Promise<CheckedStack[]> {
  cached ??= runOfflineCheck({ envs: ["dev", "prod"] });
  return cached;
}

export async function stackNamed(name: string, env: string): Promise<CheckedStack> {
  const s = (await repositoryStacks()).find((x) => x.name === name && x.env === env);
  if (!s) throw new Error(`stack ${name} (${env}) was not run`);
  if (s.error) throw new Error(`stack ${name} failed: ${s.error}`);
  return s;
}

export function ofType(s: { resources: CapturedResource[] }, type: string): CapturedResource[] {
  return s.resources.filter((r) => r.type === type);
}

export function one(s: { resources: CapturedResource[] }, type: string, name?: string): CapturedResource {
  const found = ofType(s, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1)
    throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}`);
  return found[0];
}

/** Inputs of a captured resource as a plain object for assertions. */
export function inputs(r: CapturedResource): Record<string, unknown> {
  return r.inputs as Record<string, unknown>;
}

/** A policy document held as JSON text (or already parsed), as the IAM, S3 and KMS inputs hold it. */
export function policyDocument(v: unknown): { Statement: Record<string, unknown>[] } {
  return (typeof v === "string" ? JSON.parse(v) : v) as { Statement: Record<string, unknown>[] };
}
