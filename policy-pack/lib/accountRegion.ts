/**
 * Account and region references in a string, judged against the platform's account, region and
 * partition (platform facts). Three shapes name another account or region:
 * - an ARN anywhere in the text, `arn:partition:service:region:account-id:resource` (AWS "Identify
 *   AWS resources with Amazon Resource Names",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html);
 * - an AWS endpoint URL `https://<service>.<region>.amazonaws.com/…` (AWS "Service endpoints",
 *   https://docs.aws.amazon.com/general/latest/gr/rande.html), whose SQS form carries the account as
 *   the first path segment (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html);
 * - a cross-account security-group reference `<account-id>/sg-…` (EC2 UserIdGroupPair,
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html);
 * plus values of properties whose name says they hold an account id (`accountId`, `catalogId`,
 * `bucketOwner`, IAM condition keys such as `aws:SourceAccount`).
 */

export interface PlatformPlace {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** AWS-owned ARNs a project may name: AWS managed IAM policies (`arn:aws:iam::aws:policy/…`, account
 * `aws`, https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html).
 * Whether one may be attached is judged by iam-no-aws-managed-policies; here it is not "another
 * account". */
export const AWS_OWNED_ARNS: readonly RegExp[] = [/^arn:[^:]+:iam::aws:policy\//];

/** Fields of an ARN found in text: each ends at `:` or at a character no ARN field holds. */
const ARN_IN_TEXT = /arn:([^:\s"',;]*):([^:\s"',;]*):([^:\s"',;]*):([^:\s"',;]*):([^\s"',;]*)/gi;
const ENDPOINT_URL = /https?:\/\/([a-z0-9.-]+\.amazonaws\.com(?:\.cn)?)(\/[^\s"',;]*)?/gi;
const SG_REFERENCE = /(?:^|[^\d])(\d{12})\/sg-[0-9a-f]+/gi;
/** A region code such as eu-west-1, us-gov-west-1, ap-southeast-4. */
const REGION_LABEL = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** The last `:`-segment of a property name that holds account ids (lower case). */
const ACCOUNT_KEY = /(?:^|:)(?:[a-z]*account(?:id|ids)?|catalogid|bucketowner|expectedbucketowner|ownerid)$/;

/** Problems of `text` (held under property `key`) for `place`; empty when it names only the
 * platform's account and region. */
export function accountRegionProblems(text: string, key: string, place: PlatformPlace): string[] {
  // The same strings (names, ARNs, tags) recur on many resources: problems kept per place, key and
  // text, bounded like the secret scan's memo.
  const placeKey = `${place.partition}\0${place.region}\0${place.accountId}\0${key}`;
  let byText = problemsOf.get(placeKey);
  if (byText === undefined) {
    byText = new Map();
    problemsOf.set(placeKey, byText);
  }
  let found = byText.get(text);
  if (found === undefined) {
    found = uncachedProblems(text, key, place);
    if (byText.size >= 100_000) byText.clear();
    byText.set(text, found);
  }
  return found.length === 0 ? [] : [...found];
}

/** Per place and property name, then per text. */
const problemsOf = new Map<string, Map<string, readonly string[]>>();

function uncachedProblems(text: string, key: string, place: PlatformPlace): string[] {
  if (text.includes("%")) {
    // A percent-encoded ARN or URL (a query string, an HTTP target) names the same resource.
    let plain = text;
    try {
      plain = decodeURIComponent(text);
    } catch {
      /* not an encoding: judge the text as written */
    }
    if (plain !== text) return [...textProblems(text, key, place), ...textProblems(plain, key, place)];
  }
  return textProblems(text, key, place);
}

function textProblems(text: string, key: string, place: PlatformPlace): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ARN_IN_TEXT)) {
    const [whole, partition, service, region, account] = m;
    if (AWS_OWNED_ARNS.some((re) => re.test(whole))) continue;
    if (partition !== place.partition)
      out.push(`ARN ${whole} is in partition "${partition}", not the platform's "${place.partition}"`);
    if (region !== "" && region !== place.region)
      out.push(`ARN ${whole} names region "${region}", not the platform region ${place.region}`);
    if (account !== "" && account !== place.accountId)
      out.push(`ARN ${whole} names account "${account}", not the platform account`);
    if (service === "") out.push(`ARN ${whole} names no service`);
  }
  for (const m of text.matchAll(ENDPOINT_URL)) {
    const labels = m[1].toLowerCase().split(".");
    for (const l of labels)
      if (REGION_LABEL.test(l) && l !== place.region)
        out.push(`endpoint ${m[0]} is in region ${l}, not the platform region ${place.region}`);
    const first = (m[2] ?? "").split("/")[1] ?? "";
    if (labels[0] === "sqs" && /^\d{12}$/.test(first) && first !== place.accountId)
      out.push(`queue URL ${m[0]} names account ${first}, not the platform account`);
  }
  for (const m of text.matchAll(SG_REFERENCE))
    if (m[1] !== place.accountId)
      out.push(`security group reference ${m[0].replace(/^[^\d]/, "")} is in account ${m[1]}`);
  if (key.toLowerCase() === "region" && REGION_LABEL.test(text) && text !== place.region)
    out.push(`region "${text}" is not the platform region ${place.region}`);
  // A JSON document held in the string (a provider's list input) is judged element by element.
  if (ACCOUNT_KEY.test(key.toLowerCase()) && text !== "" && !/^\s*[[{]/.test(text)) {
    const account = /^\d{12}/.exec(text)?.[0];
    if (account !== place.accountId) out.push(`${key} "${text}" is not the platform account`);
  }
  return out;
}
