/**
 * Whether an ARN names one of the project's own resources, whatever service it belongs to
 * (default-deny): every resource a project may name carries its `project-{uuid}` name (components/naming)
 * as one of the `/`- or `:`-separated segments of the ARN's resource part — a role, a secret
 * (`secret:project-{uuid}/…`), a queue, a topic, a table (`table/project-{uuid}-catalog-db-…/t`), a
 * stream, a Lambda function, an MSK cluster — or, for S3, its folder of a shared lake bucket. AWS-owned
 * ARNs (AWS managed policies) and the account's Data Catalog itself (`…:glue:…:catalog`) are not
 * another owner's resources. KMS keys are judged by kms-customer-managed-keys, so they are left out here.
 * ARN layout: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
import { AWS_OWNED_ARNS } from "./accountRegion";
import { lakeLayerOfBucket } from "./project";

const ARN_IN_TEXT = /arn:([^:\s"',;]*):([^:\s"',;]*):([^:\s"',;]*):([^:\s"',;]*):([^\s"',;]*)/gi;

/** Services whose ARNs another rule judges with its own meaning (keys: customer-managed keys). */
const JUDGED_ELSEWHERE = new Set(["kms"]);

function ownResource(service: string, resource: string, prefix: string): boolean {
  const segments = resource.split(/[:/]/);
  if (service === "s3")
    return (
      segments[0].toLowerCase().startsWith(`${prefix}-`) ||
      (lakeLayerOfBucket(segments[0]) !== undefined && segments[1] === prefix)
    );
  if (service === "glue" && resource === "catalog") return true;
  return segments.some((s) => s === prefix || s.startsWith(`${prefix}-`) || s.startsWith(`${prefix}/`));
}

/** ARNs in `text` that name no resource of the project `project-{uuid}` (`prefix`). */
export function foreignArns(text: string, prefix: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ARN_IN_TEXT)) {
    const [whole, , service, , , resource] = m;
    if (AWS_OWNED_ARNS.some((re) => re.test(whole))) continue;
    if (JUDGED_ELSEWHERE.has(service.toLowerCase())) continue;
    if (!ownResource(service.toLowerCase(), resource, prefix)) out.push(whole);
  }
  return out;
}
