/** The flags of `npm run onboard`: usage text, parsing, and every input problem reported at once. */
import { parseFlags } from "../cliArgs";
import { ENVIRONMENTS, UUID_V4 } from "../../components/naming";

const SLUG = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COST_CENTER = /^[A-Za-z0-9][A-Za-z0-9_.:/=+@-]{0,63}$/;
/** Pulumi organization names: letters, digits, '-', '_' and '.', up to 100 characters. */
const ORG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const ONBOARD_USAGE = `usage: npm run onboard -- --name <slug> --owner <email> --cost-center <cc> --env <dev|prod>
                           [--id <uuid>] [--budget <usd>] [--org <pulumi-org>]
                           [--dry-run | --write-only | --preview | --up --yes] [--backend <url>] [--json]
  --dry-run     print the files it would write (full text) and the stack config; writes nothing, no CLI
  --write-only  write the spec, scripts/ and the stack config file only; no Pulumi CLI needed
                (create the stack later: pulumi stack init <slug>-<env>, or rerun without --write-only)
  --org         the platform stack's Pulumi organization (glue-project:platformOrg; default: kept, else
                "organization", the file backend's)
  --id          the project's UUID v4 (default: derived from the slug, the same on every run)
exit codes: 0 done, 1 preview/deploy failed or mandatory policy violated, 2 invalid input (nothing written),
            3 Pulumi CLI or backend unavailable (nothing written)`;

export interface OnboardArgs {
  readonly name: string;
  readonly owner: string;
  readonly costCenter: string;
  readonly env: string;
  readonly id?: string;
  readonly budget?: number;
  readonly org?: string;
  readonly dryRun: boolean;
  readonly writeOnly: boolean;
  readonly preview: boolean;
  readonly up: boolean;
  readonly yes: boolean;
  readonly backend?: string;
  readonly json: boolean;
}

export class OnboardInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid input, nothing was written:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses and validates the flags; every problem is collected. */
export function parseOnboardArgs(argv: string[]): OnboardArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseFlags(argv, {
      name: { type: "string" },
      owner: { type: "string" },
      "cost-center": { type: "string" },
      env: { type: "string" },
      id: { type: "string" },
      budget: { type: "string" },
      org: { type: "string" },
      "dry-run": { type: "boolean" },
      "write-only": { type: "boolean" },
      preview: { type: "boolean" },
      up: { type: "boolean" },
      yes: { type: "boolean" },
      backend: { type: "string" },
      json: { type: "boolean" },
    });
  } catch (e) {
    throw new OnboardInputError([(e as Error).message]);
  }
  const problems: string[] = [];
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const name = str("name");
  const owner = str("owner");
  const costCenter = str("cost-center");
  const env = str("env");
  const id = str("id");
  const budgetText = str("budget");
  if (!name) problems.push("--name is required: the project slug, e.g. --name customer-360");
  else if (!SLUG.test(name))
    problems.push(`--name "${name}" must be 3–32 lowercase letters, digits or '-', starting with a letter`);
  if (!owner) problems.push("--owner is required: the owning team's email");
  else if (!EMAIL.test(owner)) problems.push(`--owner "${owner}" is not an email address`);
  if (!costCenter) problems.push("--cost-center is required, e.g. --cost-center CC-1042");
  else if (!COST_CENTER.test(costCenter))
    problems.push(`--cost-center "${costCenter}" may only use letters, digits and _.:/=+@- (max 64)`);
  if (!env) problems.push(`--env is required: one of ${ENVIRONMENTS.join(", ")}`);
  else if (!ENVIRONMENTS.includes(env as never))
    problems.push(`--env "${env}" must be one of ${ENVIRONMENTS.join(", ")}`);
  if (id !== undefined && !UUID_V4.test(id)) problems.push(`--id "${id}" is not a lowercase UUID v4`);
  let budget: number | undefined;
  if (budgetText !== undefined) {
    budget = Number(budgetText);
    if (!Number.isFinite(budget) || budget <= 0 || budget > 1_000_000)
      problems.push(`--budget "${budgetText}" must be a positive number of USD (≤ 1,000,000)`);
  }
  if (values.preview && values.up)
    problems.push("--preview and --up are exclusive: preview first, then deploy");
  if (values.up && !values.yes)
    problems.push("--up deploys resources: add --yes to confirm (runs are non-interactive)");
  if (values["dry-run"] && (values.preview || values.up || values["write-only"]))
    problems.push("--dry-run changes nothing; it cannot be combined with --write-only, --preview or --up");
  if (values["write-only"] && (values.preview || values.up))
    problems.push("--write-only needs no Pulumi CLI; it cannot be combined with --preview or --up");
  const org = str("org");
  if (org !== undefined && !ORG.test(org))
    problems.push(`--org "${org}" must be a Pulumi organization name (letters, digits, '-', '_', '.')`);
  if (values.backend !== undefined && !/^(file|s3|gs|azblob|https?):\/\/\S+$/.test(String(values.backend)))
    problems.push(
      `--backend "${values.backend}" must be a backend URL (file://, s3://, gs://, azblob://, https://)`,
    );
  if (problems.length > 0) throw new OnboardInputError(problems);
  return {
    name: name as string,
    owner: owner as string,
    costCenter: costCenter as string,
    env: env as string,
    id,
    budget,
    org,
    dryRun: values["dry-run"] === true,
    writeOnly: values["write-only"] === true,
    preview: values.preview === true,
    up: values.up === true,
    yes: values.yes === true,
    backend: str("backend"),
    json: values.json === true,
  };
}
