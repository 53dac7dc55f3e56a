import { defineResourcePolicy } from "../lib/define";
import { has, obj, str } from "../lib/values";
import { T } from "../lib/types";

export const glueEncryptionSettings = defineResourcePolicy({
  name: "glue-encryption-settings",
  description:
    "Security configurations encrypt S3 (SSE-KMS), CloudWatch logs (SSE-KMS) and bookmarks (CSE-KMS); the Data Catalog is SSE-KMS with encrypted connection passwords.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Use KMS modes with a customer key in every block (the project/platform components do).",
  types: [T.securityConfiguration, T.catalogEncryption],
  validate(ctx) {
    const needKey = (where: string, block: Record<string, unknown>, keyField: string) => {
      if (!has(block, keyField)) ctx.report(`${where} has no KMS key`, `set ${keyField} to a customer key`);
    };
    if (ctx.type === T.catalogEncryption) {
      const s = obj(ctx.props.dataCatalogEncryptionSettings);
      const atRest = obj(s.encryptionAtRest);
      if (!str(atRest.catalogEncryptionMode)?.startsWith("SSE-KMS"))
        ctx.report(
          `catalog encryption is ${str(atRest.catalogEncryptionMode) ?? "off"}`,
          "set catalogEncryptionMode SSE-KMS",
        );
      needKey("catalog encryption", atRest, "sseAwsKmsKeyId");
      const pw = obj(s.connectionPasswordEncryption);
      if (pw.returnConnectionPasswordEncrypted !== true)
        ctx.report(
          "returns connection passwords in clear text",
          "set returnConnectionPasswordEncrypted: true",
        );
      needKey("connection password encryption", pw, "awsKmsKeyId");
      return;
    }
    const e = obj(ctx.props.encryptionConfiguration);
    const blocks: [string, string, string, string][] = [
      ["s3Encryption", "s3EncryptionMode", "SSE-KMS", "kmsKeyArn"],
      ["cloudwatchEncryption", "cloudwatchEncryptionMode", "SSE-KMS", "kmsKeyArn"],
      ["jobBookmarksEncryption", "jobBookmarksEncryptionMode", "CSE-KMS", "kmsKeyArn"],
    ];
    for (const [block, mode, want, key] of blocks) {
      const b = obj(e[block]);
      if (str(b[mode]) !== want)
        ctx.report(`${block} is ${str(b[mode]) ?? "DISABLED"}`, `set ${mode}: ${want}`);
      else needKey(block, b, key);
    }
  },
});
