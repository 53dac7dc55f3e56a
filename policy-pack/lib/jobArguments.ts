/** Judging Glue job arguments against the special-parameter catalog (components/glue/jobParameters). */
import {
  foreignS3Locations,
  GLUE_JOB_PARAMETERS,
  JOB_OWN_PARAMETER,
  JobContext,
} from "../../components/glue/jobParameters";

export type ArgumentPlace = "defaultArguments" | "nonOverridableArguments" | "run";

/** Problems of one argument (most specific first), as [what, how] pairs; none when it is fine. */
export function argumentProblems(
  key: string,
  value: string,
  place: ArgumentPlace,
  job: JobContext | undefined,
): [string, string][] {
  const where = place === "run" ? "a trigger action's arguments" : place;
  const foreign = job ? foreignS3Locations(value, job) : [];
  const s3: [string, string][] = foreign.length
    ? [
        [
          `${where} ${key} points at ${foreign.join(", ")}, outside the project's buckets and lake prefixes`,
          `use a location in the project's own buckets (s3://project-${job?.projectId}-<purpose>-${job?.env}/) or under its lake prefix (s3://glue-lake-<layer>-…/project-${job?.projectId}/)`,
        ],
      ]
    : [];
  return [...s3, ...ruleProblems(key, value, place, job, where)];
}

function ruleProblems(
  key: string,
  value: string,
  place: ArgumentPlace,
  job: JobContext | undefined,
  where: string,
): [string, string][] {
  const rule = GLUE_JOB_PARAMETERS[key];
  if (!rule) {
    if (JOB_OWN_PARAMETER.test(key)) return [];
    return [
      [
        `${where} sets ${key}, which is neither a Glue parameter the platform allows nor a job parameter name`,
        "pass the job's own values as --NAME (letters, digits, _) from the spec's parameters; Glue special parameters are listed in docs/aws-facts.md",
      ],
    ];
  }
  if (rule.kind === "forbidden")
    return [[`${where} sets ${key}: ${rule.why}`, `remove ${key}; the platform does not allow it`]];
  if (rule.kind === "locked") {
    if (place !== "nonOverridableArguments")
      return [
        [
          `${where} sets ${key}, which the platform locks (${rule.why})`,
          place === "run"
            ? `remove ${key} from the trigger action; the job's locked value applies`
            : `remove ${key} from defaultArguments; the platform sets it in nonOverridableArguments`,
        ],
      ];
    // Without the job's project and name the exact value is unknown; the naming and own-project
    // rules refuse such a job already, so only the place is judged here.
    if (!job) return [];
    const expected = rule.value(job);
    const why =
      typeof expected === "string"
        ? value === expected
          ? undefined
          : `must be "${expected}"`
        : expected(value);
    return why
      ? [[`nonOverridableArguments ${key} is "${value}" but ${why}`, `set ${key} to the platform's value`]]
      : [];
  }
  const why = rule.check && job ? rule.check(value, job) : undefined;
  return why ? [[`${where} ${key} is "${value}" but ${why}`, `fix ${key} or remove it`]] : [];
}
