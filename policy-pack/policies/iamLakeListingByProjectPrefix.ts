import { LAKE_LAYERS, PlatformNames } from "../../components/naming";
import { defineResourcePolicy } from "../lib/define";
import { actionMatches, NormalizedStatement } from "../lib/iamDoc";
import { FactsConfig, factSettings, platformPlace } from "../lib/platformFacts";
import { stackIdentity } from "../lib/stackIdentity";
import { identityDocuments, IDENTITY_POLICY_TYPES } from "../lib/iamHelpers";

/** Actions that list a bucket's keys (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html). */
const LISTING = ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"];
/** Operators that bound `s3:prefix` to the listed values (not `…IfExists`, which a request without a
 * prefix satisfies, nor `ForAnyValue:`). */
const PREFIX_OPERATOR = /^(StringEquals|StringLike)$/;

/** Does an IAM resource pattern (`*`, `?`) match the ARN? */
function matches(pattern: string, arn: string): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`).test(arn);
}

/** The `s3:prefix` values of a statement under a bounding operator, or undefined. */
function prefixValues(st: NormalizedStatement): string[] | undefined {
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!PREFIX_OPERATOR.test(op)) continue;
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === "s3:prefix") return v;
  }
  return undefined;
}

/**
 * Lake buckets are shared by every project: `s3:ListBucket` on a lake bucket lists every project's
 * keys unless an `s3:prefix` condition bounds it to the project's folder
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/walkthrough1.html, "Allow listing objects in
 * a folder"). A project identity policy that lets a listing action reach a lake bucket must carry
 * such a condition, with every value inside `project-{uuid}/`.
 */
export const iamLakeListingByProjectPrefix = defineResourcePolicy<FactsConfig>({
  name: "iam-lake-listing-by-project-prefix",
  description:
    "A project identity policy that allows listing a platform lake bucket (s3:ListBucket, ListBucketVersions, ListBucketMultipartUploads, or a wildcard covering them) bounds it with StringEquals/StringLike s3:prefix values all under project-{uuid}/.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Add Condition {"StringLike": {"s3:prefix": ["project-{uuid}/", "project-{uuid}/*"]}} to the statement (components/project/iamDocuments.ts does).',
  ...factSettings("accountId", "region", "partition"),
  types: IDENTITY_POLICY_TYPES,
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const place = platformPlace(ctx.config);
    if ("what" in place) {
      ctx.report(place.what, place.how);
      return;
    }
    const names = new PlatformNames(id.env, place);
    const lakeArns = LAKE_LAYERS.map((l) => `arn:${place.partition}:s3:::${names.lakeBucket(l)}`);
    const own = `project-${id.projectId}/`;
    for (const doc of identityDocuments(ctx))
      doc.statements.forEach((st, i) => {
        if (st.effect !== "Allow") return;
        const lists =
          st.notActions.length > 0 || st.actions.some((a) => LISTING.some((l) => actionMatches(a, l)));
        const reaches =
          st.notResources.length > 0 || st.resources.some((r) => lakeArns.some((arn) => matches(r, arn)));
        if (!lists || !reaches) return;
        const prefixes = prefixValues(st);
        if (!prefixes || prefixes.length === 0 || !prefixes.every((p) => p.startsWith(own)))
          ctx.report(
            `${doc.where} statement ${st.sid ?? `#${i + 1}`} lets the identity list a shared lake bucket ${prefixes ? `with s3:prefix ${JSON.stringify(prefixes)}` : "without an s3:prefix condition"}, so it lists every project's keys`,
            `bound it with Condition {"StringLike": {"s3:prefix": ["${own}", "${own}*"]}}`,
          );
      });
  },
});
