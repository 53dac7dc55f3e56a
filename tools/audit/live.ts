/**
 * Reads the live account through read-only calls and maps every AWS API shape to the Pulumi input
 * shape the policies read, so the same rules judge desired and live resources. One reader per
 * service (readers/glue.ts, iam.ts, ec2.ts, s3.ts), each walking listings with the AWS SDK's
 * paginators; a call that fails is recorded (the audit is then incomplete), never silently skipped.
 */
import { TYPE } from "../../components/typeTokens";
import { AuditClients } from "./clients";
import { readSecurityGroups } from "./readers/ec2";
import { readGlue } from "./readers/glue";
import { readIam } from "./readers/iam";
import { LiveReader, LiveResource, FailedCall, ReadScope } from "./readers/liveReader";
import { readBuckets } from "./readers/s3";

export type { FailedCall, LiveResource, ReadScope } from "./readers/liveReader";

export interface LiveState {
  readonly resources: LiveResource[];
  readonly failures: FailedCall[];
  /** `type|name` (or `type|*`) keys whose live state is unknown because a read failed: never
   * reported as missing or drifted, only as the failed call itself. */
  readonly unread: ReadonlySet<string>;
}

/** Whether `type`/`name` could not be read (its listing or its own read failed). */
export function wasUnread(unread: ReadonlySet<string>, type: string, name: string): boolean {
  return (
    unread.has(`${type}|*`) ||
    unread.has(`${type}|${name}`) ||
    // attachments and inline policies are keyed `role|…`: unread when their role's lists failed
    ((type === TYPE.rolePolicyAttachment || type === TYPE.rolePolicy) &&
      unread.has(`${type}|${name.split("|")[0]}|*`))
  );
}

export async function readLiveState(
  c: AuditClients,
  scope: ReadScope,
  account: string,
  region: string,
): Promise<LiveState> {
  const r = new LiveReader(c, scope);
  await Promise.all([readGlue(r, account, region), readIam(r), readSecurityGroups(r), readBuckets(r)]);
  return { resources: r.resources, failures: r.failures, unread: r.unread };
}
