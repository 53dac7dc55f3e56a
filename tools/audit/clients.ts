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
  /** Per-request timeout (connect and response), ms; a hung endpoint fails instead of blocking. */
  readonly requestTimeoutMs?: number;
  /** Consecutive connection-level failures (no HTTP response) after which every further call is
   * refused at once: a dead endpoint stops the audit early instead of being retried for minutes. */
  readonly deadAfter?: number;
}

/** The audit's default per-request timeout. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** Thrown for calls refused because the endpoint stopped answering. */
export class EndpointDeadError extends Error {
  override readonly name = "EndpointUnreachable";
}

/** An error with no HTTP response behind it: refused or reset connections, DNS failures, timeouts. */
export function isConnectionFailure(e: unknown): boolean {
  const err = e as { $metadata?: { httpStatusCode?: number }; code?: string; name?: string };
  if (err?.$metadata?.httpStatusCode !== undefined) return false;
  return (
    /^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE)$/.test(
      err?.code ?? "",
    ) || /TimeoutError|RequestTimeout|socket hang up|ECONNREFUSED/i.test(`${err?.name} ${String(e)}`)
  );
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
    // The SDK's node handler takes its options inline (connection and per-socket response timeouts).
    requestHandler: {
      connectionTimeout: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      requestTimeout: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Without it the handler only logs a warning and keeps waiting on a hung socket.
      throwOnRequestTimeout: true,
    },
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  };
  const deadAfter = opts.deadAfter ?? 3;
  let consecutiveConnectionFailures = 0;
  const instrument = <T extends { middlewareStack: unknown }>(client: T, service: string): T => {
    (client.middlewareStack as MiddlewareStackLike).add(
      (next, context) => async (args) => {
        const operation = (context.commandName ?? "unknown").replace(/Command$/, "");
        if (consecutiveConnectionFailures >= deadAfter)
          throw new EndpointDeadError(
            `not called: the endpoint stopped answering (${consecutiveConnectionFailures} consecutive connection failures)`,
          );
        calls.push({ service, operation });
        await wait();
        try {
          const out = await next(args);
          consecutiveConnectionFailures = 0;
          return out;
        } catch (e) {
          if (isConnectionFailure(e)) consecutiveConnectionFailures++;
          else consecutiveConnectionFailures = 0;
          throw e;
        }
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
