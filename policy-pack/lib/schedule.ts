/**
 * The shortest interval between two firings of an AWS schedule expression (`rate(…)` or the
 * six-field `cron(minutes hours day-of-month month day-of-week year)` of EventBridge and Glue;
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html). Only the
 * minutes and hours fields decide how often a schedule can fire within a day; day fields can only make
 * it rarer, so the result is a lower bound, which is what a frequency floor needs.
 */

/** Values 0..max-1 a minutes or hours field selects, or undefined when it cannot be read. */
function expand(field: string, max: number): number[] | undefined {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const start = m[1] === "*" ? 0 : Number(m[1]);
    const end = m[2] !== undefined ? Number(m[2]) : m[1] === "*" || m[3] !== undefined ? max - 1 : start;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (start >= max || end >= max || step < 1 || start > end) return undefined;
    for (let v = start; v <= end; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

const UNIT_MINUTES: Record<string, number> = {
  minute: 1,
  minutes: 1,
  hour: 60,
  hours: 60,
  day: 1440,
  days: 1440,
};

/** Minutes between the two closest firings, or a reason the expression cannot be read. */
export function minIntervalMinutes(expression: string): number | { problem: string } {
  const rate = /^rate\(\s*(\d+)\s+([a-z]+)\s*\)$/i.exec(expression.trim());
  if (rate) {
    const unit = UNIT_MINUTES[rate[2].toLowerCase()];
    if (!unit || Number(rate[1]) < 1) return { problem: `"${expression}" is not a valid rate expression` };
    return Number(rate[1]) * unit;
  }
  const cron = /^cron\(\s*(.+?)\s*\)$/i.exec(expression.trim());
  const fields = cron?.[1].split(/\s+/);
  if (!fields || fields.length !== 6)
    return { problem: `"${expression}" is neither rate(…) nor a six-field cron(…) expression` };
  const minutes = expand(fields[0], 60);
  const hours = expand(fields[1], 24);
  if (!minutes || !hours || minutes.length === 0 || hours.length === 0)
    return { problem: `"${expression}" has minutes or hours this rule cannot read` };
  const times = hours.flatMap((h) => minutes.map((m) => h * 60 + m));
  let min = times[0] + 1440 - times[times.length - 1];
  for (let i = 1; i < times.length; i++) min = Math.min(min, times[i] - times[i - 1]);
  return min;
}
