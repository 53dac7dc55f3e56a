/** `npm run audit -- …`: read-only live audit of an environment (tools/audit/run.ts). */
import * as fs from "fs";
import { parseFlags, runAsProcess } from "./cliArgs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { ENVIRONMENTS } from "../components/naming";
import { audit } from "./audit/run";
import { auditMarkdown, auditText } from "./audit/report";
import { auditClients, DEFAULT_REQUEST_TIMEOUT_MS } from "./audit/clients";
import { auditReadOnlyPolicy } from "./audit/readOnlyPolicy";
import { discoverStacks, platformRegion } from "./runner/discover";

export const AUDIT_USAGE = `usage: npm run audit -- --env dev|prod [--stacks a,b] [--endpoint-url <url>] [--region <r>]
                        [--json <file>] [--markdown <file>] [--concurrency N] [--rate <requests/s>]
                        [--request-timeout <s>]  (per AWS request, default 15; a dead endpoint stops the audit early)
       npm run audit -- --print-policy      (the read-only IAM policy the audit needs)
exit codes: 0 clean, 1 drift/missing/shadow/violation, 2 the account could not be read completely (or usage error)`;

export async function main(argv: string[], log: (l: string) => void = console.log): Promise<number> {
  let values;
  try {
    values = parseFlags(argv, {
      env: { type: "string" },
      stacks: { type: "string" },
      "endpoint-url": { type: "string" },
      region: { type: "string" },
      json: { type: "string" },
      markdown: { type: "string" },
      concurrency: { type: "string" },
      rate: { type: "string" },
      "request-timeout": { type: "string" },
      "print-policy": { type: "boolean" },
      help: { type: "boolean" },
    });
  } catch (e) {
    log(`error: ${(e as Error).message}\n${AUDIT_USAGE}`);
    return 2;
  }
  if (values.help) {
    log(AUDIT_USAGE);
    return 0;
  }
  if (values["print-policy"]) {
    log(JSON.stringify(auditReadOnlyPolicy(), null, 2));
    return 0;
  }
  const problems: string[] = [];
  const env = values.env;
  if (!env || !ENVIRONMENTS.includes(env as never))
    problems.push(`--env must be one of ${ENVIRONMENTS.join(", ")}`);
  const concurrency = Number(values.concurrency ?? 4);
  const rate = Number(values.rate ?? 20);
  const requestTimeoutMs = Number(values["request-timeout"] ?? DEFAULT_REQUEST_TIMEOUT_MS / 1000) * 1000;
  if (!Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0)
    problems.push("--request-timeout must be a positive number of seconds");
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    problems.push("--concurrency must be a whole number from 1 to 32");
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1000)
    problems.push("--rate must be a positive number of requests per second (≤ 1000)");
  if (values["endpoint-url"] && !/^https?:\/\/\S+$/.test(values["endpoint-url"]))
    problems.push("--endpoint-url must be an http(s) URL");
  const stacks = values.stacks
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const known = env
    ? discoverStacks()
        .filter((t) => t.env === env)
        .map((t) => t.stack)
    : [];
  const unknown = (stacks ?? []).filter((s) => !known.includes(s));
  if (env && unknown.length > 0) problems.push(`unknown stack(s) for ${env}: ${unknown.join(", ")}`);
  if (problems.length > 0) {
    log(`error: ${problems.join("\nerror: ")}\n${AUDIT_USAGE}`);
    return 2;
  }
  const region = values.region ?? platformRegion(env as string) ?? "us-east-1";
  const endpoint = values["endpoint-url"];
  let accountId: string;
  try {
    const sts = new STSClient({
      region,
      maxAttempts: 2,
      requestHandler: {
        connectionTimeout: requestTimeoutMs,
        requestTimeout: requestTimeoutMs,
        throwOnRequestTimeout: true,
      },
      ...(endpoint ? { endpoint } : {}),
    });
    accountId = (await sts.send(new GetCallerIdentityCommand({}))).Account as string;
  } catch (e) {
    log(
      `error: cannot identify the account (sts:GetCallerIdentity): ${(e as Error).message}. Check credentials and --endpoint-url.`,
    );
    return 2;
  }
  const clients = auditClients({ region, endpoint, maxRequestsPerSecond: rate, requestTimeoutMs });
  const report = await audit({
    env: env as string,
    stacks,
    account: { accountId, region, partition: "aws" },
    clients,
    concurrency,
  });
  log(auditText(report));
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2));
  if (values.markdown) fs.writeFileSync(values.markdown, auditMarkdown(report));
  return report.exitCode;
}

if (require.main === module) runAsProcess(main);
