import { defineStackPolicy } from "../lib/define";
import { L, limitSchema } from "../lib/config";
import { stricterLimit } from "../lib/specLimits";
import { failureEdges, FailureEdge, nodeCost } from "../lib/failureChains";

interface Config {
  maxRetries: number;
  maxTimeoutMinutes: number;
}

interface Cost {
  attempts: number;
  minutes: number;
  path: string[];
}

const add = (a: Cost, b: Cost): Cost => ({
  attempts: a.attempts + b.attempts,
  minutes: a.minutes + b.minutes,
  path: [...a.path, ...b.path],
});
const worse = (a: Cost, b: Cost): Cost =>
  b.attempts > a.attempts || (b.attempts === a.attempts && b.minutes > a.minutes) ? b : a;

export const glueFailureChainRetries = defineStackPolicy<Config>({
  name: "glue-failure-chain-retries",
  description:
    "A run started because another did not succeed (a conditional trigger on FAILED, TIMEOUT, STOPPED or ERROR, or an EventBridge rule that may match such a state change and starts a workflow) is a retry: along every chain of such runs, the attempts (1 + maxRetries per job) stay within 1 + the retry cap and the time (attempts × timeout) within that many timeout caps, as for one job with its own retries.",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Retry with the job's own maxRetries (within the cap) instead of triggers on failure; send failures to the project topic (the platform's failure rule) rather than starting more runs.",
  config: { maxRetries: L.maxRetries, maxTimeoutMinutes: L.maxTimeoutMinutes },
  configSchema: limitSchema({
    maxRetries: { type: "integer", default: L.maxRetries, description: "max retries of one unit of work" },
    maxTimeoutMinutes: {
      type: "integer",
      default: L.maxTimeoutMinutes,
      description: "max minutes of one attempt",
    },
  }),
  validate(ctx) {
    const caps = {
      maxRetries: stricterLimit("maxRetries", ctx.config.maxRetries),
      maxTimeoutMinutes: stricterLimit("maxTimeoutMinutes", ctx.config.maxTimeoutMinutes),
    };
    const edges = failureEdges(ctx.resources);
    if (edges.length === 0) return;
    const maxAttempts = 1 + caps.maxRetries;
    const maxMinutes = maxAttempts * caps.maxTimeoutMinutes;
    const own = (n: string): Cost => ({ ...nodeCost(ctx.resources, n, caps), path: [n] });
    const next = (n: string) => edges.filter((e) => e.from === n);
    const prev = (n: string) => edges.filter((e) => e.to === n);
    // Worst chain from (after) and to (before) a node; a cycle is unbounded.
    const walk = (
      n: string,
      step: (n: string) => FailureEdge[],
      end: "to" | "from",
      seen: Set<string>,
    ): Cost | undefined => {
      if (seen.has(n)) return undefined;
      const inner = new Set(seen).add(n);
      let best: Cost = { attempts: 0, minutes: 0, path: [] };
      for (const e of step(n)) {
        const rest = walk(e[end], step, end, inner);
        if (rest === undefined) return undefined;
        best = worse(best, rest);
      }
      return end === "to" ? add(own(n), best) : add(best, own(n));
    };
    const reported = new Set<unknown>();
    for (const e of edges) {
      if (reported.has(e.resource)) continue;
      const before = walk(e.from, prev, "from", new Set());
      const after = walk(e.to, next, "to", new Set());
      const chain = before && after ? add(before, after) : undefined;
      if (chain && chain.attempts <= maxAttempts && chain.minutes <= maxMinutes) continue;
      reported.add(e.resource);
      ctx.report(
        e.resource,
        chain
          ? `starts ${e.to} when ${e.from} does not succeed: the chain ${chain.path.join(" → ")} runs up to ${chain.attempts} attempts and ${chain.minutes} minutes, above the retry cap's ${maxAttempts} attempts and ${maxMinutes} minutes`
          : `starts ${e.to} when ${e.from} does not succeed, and the chain of runs on failure loops back: unbounded retries`,
        `retry with ${e.from.replace(/^\w+:/, "")}'s own maxRetries (≤ ${caps.maxRetries}) instead of a trigger on failure`,
      );
    }
  },
});
