import { defineResourcePolicy } from "../lib/define";
import { parseS3Uri, projectBucketPurpose, ownProjectId } from "../lib/project";
import { obj, str, stringMap } from "../lib/values";
import { T } from "../lib/types";

const CODE_ARGS = ["--extra-py-files", "--extra-jars", "--extra-files"];

export const glueJobCodeFromProjectBucket = defineResourcePolicy({
  name: "glue-job-code-from-project-bucket",
  description:
    "Script and extra code files come only from the project's scripts bucket; temp data goes to its temp bucket.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Upload code to s3://project-{uuid}-scripts-<env>/ (the project stack does it by content hash) and point --TempDir at the project temp bucket.",
  types: [T.job],
  validate(ctx) {
    const owner = ownProjectId(str(ctx.props.name));
    const check = (what: string, uri: string, purpose: "scripts" | "temp") => {
      const parsed = parseS3Uri(uri);
      if (!owner || !parsed || projectBucketPurpose(parsed.bucket, owner) !== purpose) {
        ctx.report(
          `${what} "${uri}" is not in the project's ${purpose} bucket`,
          `use s3://project-${owner ?? "{uuid}"}-${purpose}-<env>/…`,
        );
      }
    };
    const script = str(obj(ctx.props.command).scriptLocation);
    if (script === undefined)
      ctx.report(
        "has no command.scriptLocation",
        "set it to the uploaded script in the project's scripts bucket",
      );
    else check("script", script, "scripts");
    const args = {
      ...stringMap(ctx.props.defaultArguments),
      ...stringMap(ctx.props.nonOverridableArguments),
    };
    for (const a of CODE_ARGS) {
      for (const uri of (args[a] ?? "").split(",").filter(Boolean)) check(a, uri.trim(), "scripts");
    }
    for (const mod of (args["--additional-python-modules"] ?? "")
      .split(",")
      .filter((m) => m.trim().startsWith("s3://")))
      check("--additional-python-modules", mod.trim(), "scripts");
    if (args["--TempDir"] !== undefined) check("--TempDir", args["--TempDir"], "temp");
    else
      ctx.report(
        "has no --TempDir, so Glue creates a shared temporary bucket that may allow public access",
        "set --TempDir to the project's temp bucket in nonOverridableArguments",
      );
  },
});
