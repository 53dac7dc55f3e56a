/**
 * What every live-state reader shares: the record of resources read and calls that failed, the keys
 * left unknown by a failure, and the mapping helpers from AWS API shapes to Pulumi input shapes.
 * A call that fails is recorded (the audit is then incomplete), never silently skipped.
 */
import { PropertyMap } from "../../runner/encoding";
import { AuditClients } from "../clients";

export interface LiveResource {
  readonly type: string;
  /** Physical name: the identity desired and live resources are matched by. */
  readonly name: string;
  readonly inputs: PropertyMap;
  /** Tags were read for it (otherwise tag rules do not judge it). */
  readonly tagsRead: boolean;
}

export interface FailedCall {
  readonly operation: string;
  readonly target?: string;
  readonly message: string;
}

export interface ReadScope {
  /** Names worth reading in services that hold unrelated resources (IAM roles, S3 buckets, SGs). */
  isRelevantName(name: string): boolean;
  readonly concurrency: number;
}

type Json = PropertyMap[string];
const clean = (v: unknown): Json => JSON.parse(JSON.stringify(v ?? null)) as Json;
/** An input map without absent fields (the API omits them; Pulumi inputs leave them unset). */
export const compact = (o: Record<string, unknown>): PropertyMap =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, clean(v)]),
  ) as PropertyMap;
/** IAM returns policy documents URL-encoded. */
export const decode = (doc: string | undefined) => (doc === undefined ? undefined : decodeURIComponent(doc));
/** `{Key, Value}` tag lists as a map. */
export const tagMap = (tags: readonly { Key?: string; Value?: string }[] | undefined) =>
  Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
const errName = (e: unknown) => (e as { name?: string }).name ?? "";

/** The shared record of one read of the live account; each service's reader adds to it. */
export class LiveReader {
  readonly resources: LiveResource[] = [];
  readonly failures: FailedCall[] = [];
  readonly unread = new Set<string>();
  constructor(
    readonly c: AuditClients,
    readonly scope: ReadScope,
  ) {}

  /** Runs one call; a failure is recorded and leaves the `covers` keys (`type|name`) unknown, an
   * error named in `absent` means the thing does not exist. */
  async call<T>(
    operation: string,
    target: string | undefined,
    fn: () => Promise<T>,
    absent?: string[],
    covers: string[] = [],
  ): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      if (absent?.includes(errName(e))) return undefined;
      for (const k of covers) this.unread.add(k);
      this.failures.push({
        operation,
        target,
        message: `${errName(e) || "Error"}: ${(e as Error).message}`.slice(0, 300),
      });
      return undefined;
    }
  }

  /** Walks every page of an SDK paginator; a failing page is recorded like a failed call, and the
   * pages read before it are kept. */
  async pages<P>(
    operation: string,
    target: string | undefined,
    pages: () => AsyncIterable<P>,
    onPage: (page: P) => void,
    covers: string[],
  ): Promise<void> {
    await this.call(
      operation,
      target,
      async () => {
        for await (const page of pages()) onPage(page);
      },
      undefined,
      covers,
    );
  }

  add(type: string, name: string, inputs: Record<string, unknown>, tagsRead = false): void {
    this.resources.push({ type, name, inputs: compact(inputs), tagsRead });
  }
}
