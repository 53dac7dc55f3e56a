/**
 * How `npm run bench` judges a figure against its target: on the median of repeated runs (one slow
 * run on a shared machine is noise, not a regression), and, when a target is missed, by how much.
 */
export interface Judged {
  readonly name: string;
  readonly median: number;
  readonly samples: readonly number[];
  readonly limit: number;
  readonly ok: boolean;
  /** How far the median is over the limit, as a fraction of the limit (0 when met). */
  readonly over: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Judges "at most `limit`" on the median of the samples. */
export function judgeAtMost(name: string, samples: readonly number[], limit: number): Judged {
  const m = median(samples);
  const ok = Number.isFinite(m) && m <= limit;
  return { name, median: m, samples, limit, ok, over: ok ? 0 : (m - limit) / limit };
}

/** Judges "at least `limit`" on the median of the samples. */
export function judgeAtLeast(name: string, samples: readonly number[], limit: number): Judged {
  const m = median(samples);
  const ok = Number.isFinite(m) && m >= limit;
  return { name, median: m, samples, limit, ok, over: ok ? 0 : (limit - m) / limit };
}

/** One line per missed target: the figure, its median, the target and the miss in percent. */
export function missedSummary(judged: readonly Judged[], show: (j: Judged, v: number) => string): string {
  const missed = judged.filter((j) => !j.ok);
  if (missed.length === 0) return "all targets met (medians of repeated runs)";
  return [
    `${missed.length} target${missed.length === 1 ? "" : "s"} missed (medians of repeated runs):`,
    ...missed.map(
      (j) =>
        `  ${j.name}: median ${show(j, j.median)} vs target ${show(j, j.limit)}, ${(j.over * 100).toFixed(0)}% off (runs: ${j.samples.map((v) => show(j, v)).join(", ")})`,
    ),
  ].join("\n");
}
