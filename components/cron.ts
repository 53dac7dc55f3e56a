/**
 * The AWS cron grammar of Glue trigger and crawler schedules, parsed and checked the way AWS reads it
 * (docs/aws-facts.md "Schedules"): `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, six
 * required fields in UTC, exactly one of Day-of-month / Day-of-week is `?`, names JAN–DEC / SUN–SAT
 * (1 = SUN), `L`/`W` in Day-of-month, `L`/`#` in Day-of-week, and nothing faster than every 5 minutes.
 *
 * No npm cron library implements this dialect (the common ones read 5- or 6-field Unix/Quartz cron with
 * seconds first and no year, and disagree on `?`/`L`/`W`/`#`), so this is a small documented parser.
 * Pure: used by the spec validator and the policy pack alike.
 */

/** AWS rejects schedules faster than this ("Cron expressions that lead to rates faster than 5 minutes
 * are not supported"). */
export const AWS_MIN_SCHEDULE_MINUTES = 5;
export const CRON_EXAMPLE = "cron(15 12 * * ? *)";
const EXAMPLES = `e.g. ${CRON_EXAMPLE} (12:15 UTC daily) or cron(0 18 ? * MON-FRI *) (18:00 UTC on weekdays)`;

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldRule {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: string[];
}

const FIELDS: FieldRule[] = [
  { label: "Minutes", min: 0, max: 59 },
  { label: "Hours", min: 0, max: 23 },
  { label: "Day-of-month", min: 1, max: 31 },
  { label: "Month", min: 1, max: 12, names: MONTHS },
  { label: "Day-of-week", min: 1, max: 7, names: DAYS },
  { label: "Year", min: 1970, max: 2199 },
];

/** Day-of-month: plain days, `L` (last day), `<d>W` (weekday nearest day d). */
export interface DayOfMonth {
  readonly days: Set<number>;
  readonly last: boolean;
  readonly nearestWeekday: number[];
}

/** Day-of-week (1 = SUN … 7 = SAT): plain days, `<d>L` (last such weekday), `<d>#<n>` (n-th). */
export interface DayOfWeek {
  readonly days: Set<number>;
  readonly lastOf: number[];
  readonly nth: { day: number; n: number }[];
}

export interface AwsCron {
  readonly minutes: number[];
  readonly hours: number[];
  readonly months: Set<number>;
  readonly years: Set<number>;
  /** Exactly one of these is set; the other field was `?`. */
  readonly dayOfMonth?: DayOfMonth;
  readonly dayOfWeek?: DayOfWeek;
}

export type CronParse = { cron: AwsCron; problem?: undefined } | { cron?: undefined; problem: string };

class CronSyntaxError extends Error {}

function value(token: string, rule: FieldRule): number {
  const upper = token.toUpperCase();
  const named = rule.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(token)) {
    const names = rule.names ? ` or ${rule.names[0]}–${rule.names[rule.names.length - 1]}` : "";
    throw new CronSyntaxError(`${rule.label} "${token}" is not a number${names}`);
  }
  const n = Number(token);
  if (n < rule.min || n > rule.max)
    throw new CronSyntaxError(`${rule.label} ${n} is outside ${rule.min}–${rule.max}`);
  return n;
}

/** `*`, `a`, `a-b`, each optionally `/step`, comma-separated. */
function plainValues(part: string, rule: FieldRule): number[] {
  const [range, step, extra] = part.split("/");
  if (extra !== undefined || range === "") throw new CronSyntaxError(`${rule.label} "${part}" is malformed`);
  let from: number;
  let to: number;
  if (range === "*") [from, to] = [rule.min, rule.max];
  else if (range.includes("-")) {
    const [a, b, more] = range.split("-");
    if (more !== undefined) throw new CronSyntaxError(`${rule.label} "${part}" has more than one '-'`);
    [from, to] = [value(a, rule), value(b, rule)];
    if (from > to)
      throw new CronSyntaxError(
        `${rule.label} range ${range} runs backwards; write it as two ranges joined by ','`,
      );
  } else {
    from = value(range, rule);
    to = step === undefined ? from : rule.max;
  }
  let by = 1;
  if (step !== undefined) {
    if (!/^\d+$/.test(step) || Number(step) < 1)
      throw new CronSyntaxError(`${rule.label} increment "/${step}" must be a whole number ≥ 1`);
    by = Number(step);
  }
  const out: number[] = [];
  for (let v = from; v <= to; v += by) out.push(v);
  return out;
}

function listOf(field: string, rule: FieldRule, special?: (part: string) => boolean): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    if (special?.(part)) continue;
    for (const v of plainValues(part, rule)) out.add(v);
  }
  return out;
}

function dayOfMonth(field: string): DayOfMonth {
  const rule = FIELDS[2];
  let last = false;
  const nearestWeekday: number[] = [];
  const days = listOf(field, rule, (part) => {
    if (part.toUpperCase() === "L") return (last = true);
    const w = /^(\d+)W$/i.exec(part);
    if (w) return nearestWeekday.push(value(w[1], rule)) > 0;
    if (/[LW]/i.test(part))
      throw new CronSyntaxError(`Day-of-month "${part}": L stands alone and W follows one day, e.g. 15W`);
    return false;
  });
  return { days, last, nearestWeekday };
}

function dayOfWeek(field: string): DayOfWeek {
  const rule = FIELDS[4];
  const lastOf: number[] = [];
  const nth: { day: number; n: number }[] = [];
  const days = listOf(field, rule, (part) => {
    if (part.toUpperCase() === "L") return lastOf.push(7) > 0;
    const l = /^([A-Za-z]+|\d+)L$/i.exec(part);
    if (l) return lastOf.push(value(l[1], rule)) > 0;
    const h = /^([A-Za-z]+|\d+)#(\d+)$/.exec(part);
    if (h) {
      const n = Number(h[2]);
      if (n < 1 || n > 5) throw new CronSyntaxError(`Day-of-week "${part}": the week number must be 1–5`);
      return nth.push({ day: value(h[1], rule), n }) > 0;
    }
    if (/[L#]/i.test(part))
      throw new CronSyntaxError(
        `Day-of-week "${part}": write L, <day>L (e.g. FRIL) or <day>#<n> (e.g. MON#1)`,
      );
    return false;
  });
  return { days, lastOf, nth };
}

/** Parses by expression within a run (the program, the spec rules and the pack judge the same
 * schedules; a pure function of the text), and the expression each parsed schedule came from, which
 * keys the calendar walks below. Callers never change a parsed schedule. */
const parses = new Map<string, CronParse>();
const expressionOf = new WeakMap<AwsCron, string>();
const gaps = new Map<string, number | undefined>();
const MAX_MEMO = 10_000;

/** Parses `cron(…)`; the problem says what is wrong and shows valid examples. */
export function parseAwsCron(expression: string): CronParse {
  let parsed = parses.get(expression);
  if (parsed === undefined) {
    parsed = parseAwsCronUncached(expression);
    if (parses.size >= MAX_MEMO) parses.clear();
    parses.set(expression, parsed);
    if (parsed.cron) expressionOf.set(parsed.cron, expression);
  }
  return parsed;
}

function parseAwsCronUncached(expression: string): CronParse {
  const m = /^cron\((.*)\)$/.exec(expression.trim());
  if (!m) return { problem: `"${expression}" is not written cron(...); ${EXAMPLES}` };
  const fields = m[1].trim().split(/\s+/);
  if (fields.length !== 6) {
    return {
      problem:
        `"${expression}" has ${fields.length} fields; AWS cron has six: ` +
        `Minutes Hours Day-of-month Month Day-of-week Year, ${EXAMPLES}`,
    };
  }
  const [min, hour, dom, month, dow, year] = fields;
  if ((dom === "?") === (dow === "?")) {
    return {
      problem:
        `"${expression}": exactly one of Day-of-month and Day-of-week must be '?' ` +
        `(AWS cannot use both), ${EXAMPLES}`,
    };
  }
  try {
    for (const [i, f] of [min, hour, month, year].entries()) {
      if (f.includes("?")) throw new CronSyntaxError(`${FIELDS[[0, 1, 3, 5][i]].label} cannot be '?'`);
    }
    return {
      cron: {
        minutes: [...listOf(min, FIELDS[0])].sort((a, b) => a - b),
        hours: [...listOf(hour, FIELDS[1])].sort((a, b) => a - b),
        months: listOf(month, FIELDS[3]),
        years: listOf(year, FIELDS[5]),
        ...(dom === "?" ? { dayOfWeek: dayOfWeek(dow) } : { dayOfMonth: dayOfMonth(dom) }),
      },
    };
  } catch (e) {
    if (e instanceof CronSyntaxError) return { problem: `"${expression}": ${e.message}; ${EXAMPLES}` };
    throw e;
  }
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function nearestWeekday(y: number, m: number, d: number): number {
  const last = daysIn(y, m);
  const day = Math.min(d, last);
  const wd = new Date(Date.UTC(y, m - 1, day)).getUTCDay();
  if (wd === 6) return day === 1 ? 3 : day - 1; // Saturday → Friday, unless that leaves the month
  if (wd === 0) return day === last ? day - 2 : day + 1; // Sunday → Monday, unless that leaves it
  return day;
}

/** Whether the schedule fires on a given UTC date (month is 1–12). */
export function firesOn(cron: AwsCron, y: number, m: number, d: number): boolean {
  if (!cron.years.has(y) || !cron.months.has(m)) return false;
  const last = daysIn(y, m);
  if (cron.dayOfMonth) {
    const s = cron.dayOfMonth;
    return (
      s.days.has(d) ||
      (s.last && d === last) ||
      s.nearestWeekday.some((target) => nearestWeekday(y, m, target) === d)
    );
  }
  const s = cron.dayOfWeek as DayOfWeek;
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;
  return (
    s.days.has(wd) ||
    s.lastOf.some((day) => day === wd && d + 7 > last) ||
    s.nth.some(({ day, n }) => day === wd && Math.ceil(d / 7) === n)
  );
}

/** Shortest gap in minutes between two consecutive runs, over two years from `fromYear`; undefined
 * when the schedule runs at most once in that window. */
export function minIntervalMinutes(
  cron: AwsCron,
  fromYear = new Date().getUTCFullYear(),
): number | undefined {
  return combinedMinIntervalMinutes([cron], fromYear);
}

/** Years a day-by-day walk must cover: from `fromYear`, the years at least two of the schedules can
 * fire in or on the eve of (only there can their runs come close; one schedule: the years it fires in), at most 29 —
 * the Gregorian calendar's weekdays repeat every 28 years in 1901–2099. One schedule: two years, as
 * its own gaps repeat daily. */
function yearsToWalk(crons: readonly AwsCron[], fromYear: number): number[] {
  const counts = new Map<number, number>();
  for (const c of crons) {
    // A year counts for a schedule that fires in it or on the eve of it (31 December before).
    const years = new Set([...c.years].flatMap((y) => [y, y + 1]).filter((y) => y >= fromYear));
    for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  const need = Math.min(2, crons.length);
  const years = [...counts].filter(([, n]) => n >= need).map(([y]) => y);
  return years.sort((a, b) => a - b).slice(0, crons.length === 1 ? 2 : 29);
}

/** Shortest gap in minutes between two consecutive runs of whatever several schedules start together
 * (two triggers of one job fire it at the union of their times; two at the same minute give 0);
 * undefined when they run at most once. Each schedule's own gaps within a day count even in years it
 * never fires, so a far-future year cannot hide a fast schedule. */
export function combinedMinIntervalMinutes(
  crons: readonly AwsCron[],
  fromYear = new Date().getUTCFullYear(),
): number | undefined {
  const expressions = crons.map((c) => expressionOf.get(c));
  // Only schedules parsed from text are memoised (by their text); others are walked every time.
  if (expressions.some((e) => e === undefined)) return walkMinInterval(crons, fromYear);
  const key = `${fromYear}\0${expressions.join("\0")}`;
  if (gaps.has(key)) return gaps.get(key);
  const gap = walkMinInterval(crons, fromYear);
  if (gaps.size >= MAX_MEMO) gaps.clear();
  gaps.set(key, gap);
  return gap;
}

function walkMinInterval(crons: readonly AwsCron[], fromYear: number): number | undefined {
  const timesOf = crons.map((c) => c.hours.flatMap((h) => c.minutes.map((mi) => h * 60 + mi)));
  let best: number | undefined;
  const consider = (gap: number) => (best = best === undefined ? gap : Math.min(best, gap));
  for (const times of timesOf) for (let i = 1; i < times.length; i++) consider(times[i] - times[i - 1]);
  let previous: { day: number; last: number } | undefined;
  for (const year of yearsToWalk(crons, fromYear)) {
    for (let t = Date.UTC(year - 1, 11, 31); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const day = new Date(t);
      const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
      const all = crons.flatMap((c, i) => (firesOn(c, y, m, d) ? timesOf[i] : []));
      if (all.length === 0) continue;
      const today = [...new Set(all)].sort((a, b) => a - b);
      if (today.length < all.length) consider(0);
      for (let i = 1; i < today.length; i++) consider(today[i] - today[i - 1]);
      if (previous && previous.day === t - 86_400_000) consider(1440 - previous.last + today[0]);
      previous = { day: t, last: today[today.length - 1] };
    }
  }
  return best;
}

/** The problem with a schedule, or undefined: grammar first, then the minimum interval. */
export function scheduleProblem(expression: string, minMinutes: number): string | undefined {
  const parsed = parseAwsCron(expression);
  if (parsed.problem !== undefined) return parsed.problem;
  const floor = Math.max(minMinutes, AWS_MIN_SCHEDULE_MINUTES);
  const gap = minIntervalMinutes(parsed.cron);
  if (gap !== undefined && gap < floor) {
    return (
      `"${expression}" runs every ${gap} minute${gap === 1 ? "" : "s"} at its fastest, below the ` +
      `minimum interval of ${floor} minutes (AWS's floor is ${AWS_MIN_SCHEDULE_MINUTES}); run it less often, ` +
      `e.g. cron(0 * * * ? *) (hourly) or ${CRON_EXAMPLE}`
    );
  }
  return undefined;
}
