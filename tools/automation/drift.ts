/**
 * `npm run drift`: refresh-based drift detection. For the platform stack and every project stack of
 * an environment it runs a preview-only refresh with expect-no-changes (`previewRefresh`,
 * https://www.pulumi.com/docs/iac/cli/commands/pulumi_refresh/) with bounded concurrency and a per-stack timeout, and reports per resource what drifted.
 * A failing or hanging stack never stops the others. Exit 0 no drift, 1 drift, 2 a stack not checked.
 */
import { EventCollector, DriftedResource } from "./events";
import { failureReason, isExpectedChangesError, PulumiWorkspace } from "./workspace";

export interface DriftTarget {
  readonly stack: string;
  readonly workDir: string;
  readonly project: string;
}

export interface StackDrift {
  readonly stack: string;
  readonly project: string;
  readonly status: "clean" | "drifted" | "failed";
  readonly resources: DriftedResource[];
  readonly unchanged: number;
  readonly error?: string;
  readonly ms: number;
}

export interface DriftOptions {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly log?: (line: string) => void;
}

/** Runs tasks with at most `limit` in flight, in input order of start. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

async function checkOne(workspace: PulumiWorkspace, t: DriftTarget, opts: DriftOptions): Promise<StackDrift> {
  const started = Date.now();
  const events = new EventCollector();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${opts.timeoutMs / 1000} s`));
    }, opts.timeoutMs);
  });
  const done = (status: StackDrift["status"], error?: string): StackDrift => ({
    stack: t.stack,
    project: t.project,
    status,
    resources: events.drift,
    unchanged: events.operations.get("same") ?? 0,
    error,
    ms: Date.now() - started,
  });
  try {
    opts.log?.(`checking ${t.project}/${t.stack}`);
    const stack = await Promise.race([
      workspace.selectStack({ stackName: t.stack, workDir: t.workDir }),
      timeout,
    ]);
    await Promise.race([
      stack.previewRefresh({ expectNoChanges: true, onEvent: events.onEvent, signal: controller.signal }),
      timeout,
    ]);
    return done(events.drift.length > 0 ? "drifted" : "clean");
  } catch (e) {
    // --expect-no-changes makes the CLI fail when it finds drift (exit code 7); the events say what
    // drifted. Every other failure (credentials, plugins, permissions) is "failed", never drift.
    if (isExpectedChangesError(e)) return done("drifted");
    return done("failed", failureReason(e));
  } finally {
    clearTimeout(timer);
  }
}

export async function detectDrift(
  workspace: PulumiWorkspace,
  targets: readonly DriftTarget[],
  opts: DriftOptions,
): Promise<StackDrift[]> {
  await workspace.ensureCli();
  return mapBounded(targets, opts.concurrency, (t) => checkOne(workspace, t, opts));
}

export function driftExitCode(results: readonly StackDrift[]): number {
  if (results.some((r) => r.status === "failed")) return 2;
  return results.some((r) => r.status === "drifted") ? 1 : 0;
}

export function driftMarkdown(results: readonly StackDrift[], env: string): string {
  const lines = [
    `## Drift report (${env})`,
    "",
    "| stack | project | status | drifted | deleted | unchanged |",
    "|---|---|---|---:|---:|---:|",
  ];
  for (const r of results) {
    const drifted = r.resources.filter((x) => x.kind === "drifted").length;
    const deleted = r.resources.filter((x) => x.kind === "deleted").length;
    lines.push(
      `| ${r.stack} | ${r.project} | ${r.status}${r.error ? `: ${r.error.replace(/\|/g, "\\|")}` : ""} | ${drifted} | ${deleted} | ${r.unchanged} |`,
    );
  }
  for (const r of results.filter((x) => x.resources.length > 0)) {
    lines.push("", `### ${r.stack}`, "", "| resource | type | change | properties |", "|---|---|---|---|");
    for (const d of r.resources)
      lines.push(
        `| \`${d.urn.split("::").pop()}\` | ${d.type} | ${d.kind} | ${d.properties.join(", ") || "—"} |`,
      );
  }
  return lines.join("\n") + "\n";
}

export function driftText(results: readonly StackDrift[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(
      `== ${r.project}/${r.stack}: ${r.status}${r.error ? ` (${r.error})` : ""} — ${r.resources.length} changed, ${r.unchanged} unchanged, ${(r.ms / 1000).toFixed(1)} s`,
    );
    for (const d of r.resources)
      lines.push(
        `   ${d.kind.padEnd(8)} ${d.type} ${d.urn.split("::").pop()}${d.properties.length ? `: ${d.properties.join(", ")}` : ""}`,
      );
  }
  return lines.join("\n");
}
