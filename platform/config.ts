/** Platform stack configuration: read once, validated, typed. */
import { ConfigReader, stackConfigFile } from "../components/stackConfig";
import { ENVIRONMENTS, Environment, PLATFORM_PROJECT } from "../components/naming";

/** CloudWatch Logs accepts only these retention values (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export const STORAGE_CLASSES = [
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "GLACIER_IR",
  "GLACIER",
  "DEEP_ARCHIVE",
];

export interface Transition {
  readonly days: number;
  readonly storageClass: string;
}

export interface PlatformConfig {
  readonly env: Environment;
  readonly azCount: number;
  readonly vpcCidr: string;
  readonly logRetentionDays: number;
  readonly keyDeletionWindowDays: number;
  readonly protectData: boolean;
  readonly cloudTrailEnabled: boolean;
  readonly bronzeTransitions: Transition[];
  readonly noncurrentVersionExpirationDays: number;
  readonly accessLogRetentionDays: number;
  readonly rayEnabled: boolean;
  /** Who may assume project dev-session roles (plus the Project principal tag); undefined = the
   * account's IAM Identity Center roles. */
  readonly devPrincipalArnPatterns?: string[];
  /** Set once the management account activated the cost allocation tags (billing/ stack). */
  readonly costAllocationTagsActive: boolean;
  /** The AWS Organizations id of the platform account's organization (`o-…`), if it belongs to one:
   * resource policies may then pin callers with aws:PrincipalOrgID to it. */
  readonly organizationId?: string;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(1[6-9]|2[0-2])$/;

export function checkTransitions(v: unknown): string | undefined {
  if (!Array.isArray(v)) return "must be a list of {days, storageClass}";
  for (const [i, t] of v.entries()) {
    const tr = t as Partial<Transition>;
    if (typeof tr !== "object" || tr === null) return `entry ${i} must be an object`;
    if (!Number.isInteger(tr.days) || (tr.days as number) < 1)
      return `entry ${i} days must be a whole number ≥ 1`;
    if (!STORAGE_CLASSES.includes(tr.storageClass as string)) {
      return `entry ${i} storageClass must be one of ${STORAGE_CLASSES.join(", ")}`;
    }
  }
  return undefined;
}

/** Pure: raw config lookup → typed config or a StackConfigError naming file and keys. */
export function parsePlatformConfig(raw: (key: string) => string | undefined, stack: string): PlatformConfig {
  const r = new ConfigReader(PLATFORM_PROJECT, raw);
  const env = r.string("env", { required: true, oneOf: ENVIRONMENTS, example: stack }) as
    Environment | undefined;
  const prod = env === "prod";
  const azCount = r.integer("azCount", { default: prod ? 3 : 2, min: 2, max: 6 });
  const vpcCidr = r.string("vpcCidr", { pattern: CIDR, example: "10.40.0.0/16" }) ?? "10.40.0.0/16";
  if (
    CIDR.test(vpcCidr) &&
    vpcCidr
      .split("/")[0]
      .split(".")
      .some((o) => Number(o) > 255)
  ) {
    r.problems.push(
      `${PLATFORM_PROJECT}:vpcCidr "${vpcCidr}" has an octet above 255. Fix: use a private range such as 10.40.0.0/16`,
    );
  }
  const logRetentionDays = r.integer("logRetentionDays", {
    default: prod ? 365 : 30,
    min: 1,
    max: 3653,
    oneOf: LOG_RETENTION_DAYS,
  });
  const keyDeletionWindowDays = r.integer("keyDeletionWindowDays", {
    default: prod ? 30 : 7,
    min: 7,
    max: 30,
  });
  if (prod && keyDeletionWindowDays !== undefined && keyDeletionWindowDays !== 30) {
    r.problems.push(
      `${PLATFORM_PROJECT}:keyDeletionWindowDays is ${keyDeletionWindowDays} but prod keys keep the 30-day deletion window. Fix: remove the key or set it to 30`,
    );
  }
  const protectData = r.boolean("protectData", { default: prod });
  if (prod && protectData === false) {
    r.problems.push(
      `${PLATFORM_PROJECT}:protectData cannot be false in prod. Fix: remove the key from Pulumi.prod.yaml`,
    );
  }
  const cloudTrailEnabled = r.boolean("cloudTrailEnabled", { default: prod });
  const bronzeTransitions = r.json<Transition[]>("bronzeTransitions", {
    default: [],
    check: checkTransitions,
    example: "[{days: 90, storageClass: GLACIER_IR}]",
  });
  const noncurrentVersionExpirationDays = r.integer("noncurrentVersionExpirationDays", {
    default: prod ? 90 : 30,
    min: 1,
    max: 3650,
  });
  const accessLogRetentionDays = r.integer("accessLogRetentionDays", {
    default: prod ? 365 : 90,
    min: 1,
    max: 3650,
  });
  const rayEnabled = r.boolean("rayEnabled", { default: false });
  const organizationId = r.string("organizationId", {
    pattern: /^o-[a-z0-9]{10,32}$/,
    example: "o-a1b2c3d4e5",
  });
  const costAllocationTagsActive = r.boolean("costAllocationTagsActive", { default: false });
  const devPrincipalArnPatterns = r.json<string[] | undefined>("devPrincipalArnPatterns", {
    default: undefined,
    check: (v) =>
      Array.isArray(v) &&
      v.length > 0 &&
      v.every((p) => typeof p === "string" && /^arn:[^:]+:(iam|sts)::\d{12}:/.test(p))
        ? undefined
        : "must be a non-empty list of IAM ARN patterns of this account, e.g. arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*",
    example: "[arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*]",
  });
  if (env !== undefined && env !== stack.split("/").pop()) {
    r.problems.push(
      `${PLATFORM_PROJECT}:env is "${env}" but the stack is "${stack}". Fix: a platform stack is named after its environment`,
    );
  }
  r.done(stackConfigFile("", stack));
  return {
    env: env as Environment,
    azCount: azCount as number,
    vpcCidr,
    logRetentionDays: logRetentionDays as number,
    keyDeletionWindowDays: keyDeletionWindowDays as number,
    protectData: protectData as boolean,
    cloudTrailEnabled: cloudTrailEnabled as boolean,
    bronzeTransitions: bronzeTransitions as Transition[],
    noncurrentVersionExpirationDays: noncurrentVersionExpirationDays as number,
    accessLogRetentionDays: accessLogRetentionDays as number,
    rayEnabled: rayEnabled as boolean,
    devPrincipalArnPatterns,
    costAllocationTagsActive: costAllocationTagsActive as boolean,
    organizationId,
  };
}
