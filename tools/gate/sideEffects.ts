/**
 * What the offline gate refuses itself because no policy can see it: a project program that calls
 * the cloud on its own (loads a cloud SDK, opens a network connection) instead of declaring
 * resources. Under the real CLI such a call runs with the deploying identity's credentials and is
 * never a resource, so the pack cannot judge it (docs/decisions.md "What the gate and CrossGuard
 * cannot see"); the runner records it (tools/runner/programSideEffects.ts).
 */
import { Violation } from "./evaluate";

/** The name the gate reports these refusals under (not a policy of the pack). */
export const GATE_CLOUD_CALLS_RULE = "gate-no-cloud-calls";

export function sideEffectViolations(sideEffects: readonly string[] | undefined, kind: string): Violation[] {
  if (kind === "platform") return [];
  return (sideEffects ?? []).map((what) => {
    const detail =
      `the program ${what}. A project program declares resources and the engine makes every call to ` +
      "the cloud; a call the program makes itself runs with the deploying identity and no policy sees it. " +
      "Fix: declare the resource (or read the value from the platform contract or stack config) instead";
    return {
      policy: GATE_CLOUD_CALLS_RULE,
      level: "mandatory" as const,
      message: `The offline gate refuses programs that call the cloud themselves (policies cannot see it).\n${detail}`,
      detail,
    };
  });
}
