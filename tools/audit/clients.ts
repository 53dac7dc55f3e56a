/**
 * AWS SDK v3 clients for the read-only audit: adaptive retries, a bounded request rate, and a record
 * of every operation called (the audit must never call a mutating API; a test proves it).
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { GlueClient } from "@aws-sdk/client-glue";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";

export interface AuditClientOptions {
  readonly region: string;
  readonly endpoint?: string;
  /** Requests per second across all clients. */
  readonly maxRequestsPerSecond: number;
  readonly maxAttempts?: number;
}

export interface CallRecord {
  readonly service: string;
  readonly operation: string;
}

export interface AuditClients {
  readonly glue: GlueClient;
  readonly iam: IAMClient;
  readonly s3: S3Client;
  readonly ec2: EC2Client;
  readonly kms: KMSClient;
  readonly calls: CallRecord[];
}

/** A token bucket shared by every client: at most `rate` requests start per second. */
function rateLimiter(rate: number): () => Promise<void> {
  let next = 0;
  const spacing = 1000 / rate;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + spacing;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
}

interface MiddlewareStackLike {
  add(
    mw: (
      next: (a: unknown) => Promise<unknown>,
      context: { commandName?: string },
    ) => (a: unknown) => Promise<unknown>,
    opts: { step: "initialize"; name: string },
  ): void;
}

export function auditClients(opts: AuditClientOptions): AuditClients {
  const calls: CallRecord[] = [];
  const wait = rateLimiter(opts.maxRequestsPerSecond);
  const common = {
    region: opts.region,
    retryMode: "adaptive" as const,
    maxAttempts: opts.maxAttempts ?? 5,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  };
  const instrument = <T extends { middlewareStack: unknown }>(client: T, service: string): T => {
    (client.middlewareStack as MiddlewareStackLike).add(
      (next, context) => async (args) => {
        calls.push({ service, operation: (context.commandName ?? "unknown").replace(/Command$/, "") });
        await wait();
        return next(args);
      },
      { step: "initialize", name: "glueAuditRecordAndThrottle" },
    );
    return client;
  };
  return {
    glue: instrument(new GlueClient(common), "glue"),
    iam: instrument(new IAMClient(common), "iam"),
    s3: instrument(new S3Client({ ...common, forcePathStyle: opts.endpoint !== undefined }), "s3"),
    ec2: instrument(new EC2Client(common), "ec2"),
    kms: instrument(new KMSClient(common), "kms"),
    calls,
  };
}
