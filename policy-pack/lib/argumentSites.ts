/**
 * Every place a Glue job argument can be given a value, read the same way: a job's
 * `defaultArguments` and `nonOverridableArguments`, a trigger action's `arguments` (they replace the
 * job's for that run, Glue `Action`,
 * https://docs.aws.amazon.com/glue/latest/webapi/API_Action.html) and a workflow's
 * `defaultRunProperties` (a run property `NAME` is judged as the argument `--NAME`: the same name
 * means the same thing to the scripts that read it). Rules that give an argument a meaning judge
 * every site, so a value the builder locks in one field cannot be set freely in a sibling field.
 * Values unknown at preview are skipped here: glue-job-special-parameters and
 * glue-trigger-run-overrides refuse them.
 */
import { Props } from "./define";
import { T } from "./types";
import { readKnown } from "./walk";

export interface ArgumentSite {
  /** Where, as written in a program (`nonOverridableArguments["--KEY_ALIAS"]`). */
  readonly where: string;
  /** The argument name (`--NAME`; a run property NAME is given as `--NAME`). */
  readonly key: string;
  readonly value: string;
  /** The job the argument reaches, when known (the job itself, or a trigger action's jobName). */
  readonly jobName?: string;
}

function knownObject(o: unknown, k: string | number): object | undefined {
  if (o === null || typeof o !== "object") return undefined;
  const r = readKnown(o, k);
  return r.known && r.value !== null && typeof r.value === "object" ? (r.value as object) : undefined;
}

function knownString(o: unknown, k: string | number): string | undefined {
  if (o === null || typeof o !== "object") return undefined;
  const r = readKnown(o, k);
  return r.known && typeof r.value === "string" ? r.value : undefined;
}

function sitesOf(
  map: object | undefined,
  where: (key: string) => string,
  asArgument: (key: string) => string,
  jobName: string | undefined,
): ArgumentSite[] {
  if (!map) return [];
  return Object.keys(map).flatMap((key) => {
    const value = knownString(map, key);
    return value === undefined ? [] : [{ where: where(key), key: asArgument(key), value, jobName }];
  });
}

const same = (k: string) => k;
const quoted = (k: string) => `[${JSON.stringify(k)}]`;

/** The argument sites of a job, trigger or workflow (none for other types). */
export function argumentSites(type: string, props: Props): ArgumentSite[] {
  if (type === T.job) {
    const job = knownString(props, "name");
    return (["defaultArguments", "nonOverridableArguments"] as const).flatMap((place) =>
      sitesOf(knownObject(props, place), (k) => `${place}${quoted(k)}`, same, job),
    );
  }
  if (type === T.trigger) {
    const actions = knownObject(props, "actions");
    if (!Array.isArray(actions)) return [];
    return actions.flatMap((_, i) => {
      const action = knownObject(actions, i);
      return sitesOf(
        knownObject(action, "arguments"),
        (k) => `actions[${i}].arguments${quoted(k)}`,
        same,
        knownString(action, "jobName"),
      );
    });
  }
  if (type === T.workflow)
    return sitesOf(
      knownObject(props, "defaultRunProperties"),
      (k) => `defaultRunProperties${quoted(k)}`,
      (k) => (k.startsWith("--") ? k : `--${k}`),
      undefined,
    );
  return [];
}
