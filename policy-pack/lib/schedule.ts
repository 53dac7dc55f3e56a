/**
 * Schedule expressions of Glue triggers and crawlers (AWS six-field cron) and EventBridge rules
 * (`rate(…)` or the same cron; https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html),
 * read into firings whose shortest gap a frequency floor can judge — alone, or together when several
 * schedules start the same job, crawler or workflow. The cron grammar and calendar walk are
 * components/cron.ts, shared with the spec validator.
 */
import { AwsCron, combinedMinIntervalMinutes, parseAwsCron } from "../../components/cron";

/** When a schedule fires: cron times, or every N minutes from a start time AWS picks (rate). */
export type Firing = { readonly cron: AwsCron } | { readonly rateMinutes: number };

const UNIT_MINUTES: Record<string, number> = {
  minute: 1,
  minutes: 1,
  hour: 60,
  hours: 60,
  day: 1440,
  days: 1440,
};

/** The firing of an expression, or why it cannot be read. */
export function parseSchedule(expression: string): Firing | { problem: string } {
  const rate = /^rate\(\s*(\d+)\s+([a-z]+)\s*\)$/i.exec(expression.trim());
  if (rate) {
    const unit = UNIT_MINUTES[rate[2].toLowerCase()];
    if (!unit || Number(rate[1]) < 1) return { problem: `"${expression}" is not a valid rate expression` };
    return { rateMinutes: Number(rate[1]) * unit };
  }
  if (!/^\s*cron\(/i.test(expression))
    return { problem: `"${expression}" is neither rate(…) nor a six-field cron(…) expression` };
  const parsed = parseAwsCron(expression);
  return parsed.cron ? { cron: parsed.cron } : { problem: parsed.problem };
}

/** Shortest gap in minutes between runs of whatever these schedules start together: Infinity when
 * they run at most once; 0 when a rate() shares its target with another schedule (AWS picks a rate's
 * start, so their runs can coincide). */
export function combinedInterval(firings: readonly Firing[]): number {
  const rates = firings.flatMap((f) => ("rateMinutes" in f ? [f.rateMinutes] : []));
  if (rates.length > 0) return firings.length > 1 ? 0 : rates[0];
  const crons = firings.flatMap((f) => ("cron" in f ? [f.cron] : []));
  return combinedMinIntervalMinutes(crons) ?? Infinity;
}

/** Minutes between the two closest firings of one expression, or why it cannot be read. */
export function minIntervalMinutes(expression: string): number | { problem: string } {
  const firing = parseSchedule(expression);
  return "problem" in firing ? firing : combinedInterval([firing]);
}
