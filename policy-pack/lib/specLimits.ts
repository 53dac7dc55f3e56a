/**
 * The limit a rule applies: the stricter of the policy's configured (platform) value and the
 * project spec's own `limits` (components/spec/schema.ts: "optional limits stricter than the
 * platform's"). A spec can only tighten a limit, never loosen it, so a program run against a
 * project stack is judged by what its spec promised (docs/decisions.md "Spec limits in the pack").
 */
import { stackIdentity } from "./stackIdentity";

export function stricterLimit(key: string, configured: number): number {
  const id = stackIdentity();
  if (id.kind !== "project") return configured;
  const own = id.limits[key];
  return own === undefined ? configured : Math.min(configured, own);
}
