/**
 * Default-deny for EventBridge rules of project stacks: the event sources a project's rule may
 * match, and for each, the event fields that name the resource an event is about. A project rule's
 * pattern must restrict, for every source it matches, one of those fields (or field groups) to the
 * project's own resources; everything else is refused by the `eventbridge-own-events-only` policy.
 *
 * Sources and fields: AWS Glue events (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-glue.html,
 * https://docs.aws.amazon.com/glue/latest/dg/automating-awsglue-with-cloudwatch-events.html) and S3
 * events delivered to EventBridge (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html);
 * see docs/aws-facts.md "EventBridge patterns". To ask for another source, add it here with the fields
 * that name its resources and have the platform team review it.
 */

/** What a pinned field holds:
 * - `projectName`: a name of one of the project's resources (`project-{uuid}-…`, components/naming.ts);
 * - `bucket`: an S3 bucket name: the project's own buckets, or a shared lake bucket when the same
 *   alternative also pins `lakeKey`;
 * - `lakeKey`: an object key under the project's own lake folder (`project-{uuid}/`). */
export type EventPinKind = "projectName" | "bucket" | "lakeKey";

export interface EventPin {
  /** Path of the field in the event (`detail.jobName`, `detail.bucket.name`). */
  readonly path: string;
  readonly kind: EventPinKind;
}

export interface ProjectEventSource {
  readonly why: string;
  /** Alternatives: an event of this source is about the project when every pin of one alternative
   * is restricted to the project's own resources. */
  readonly pins: readonly (readonly EventPin[])[];
}

const name = (path: string): readonly EventPin[] => [{ path, kind: "projectName" }];

export const PROJECT_EVENT_SOURCES: Readonly<Record<string, ProjectEventSource>> = {
  "aws.glue": {
    why: "state changes of the project's jobs, crawlers, data-quality rulesets and catalog databases",
    pins: [
      name("detail.jobName"),
      name("detail.crawlerName"),
      name("detail.rulesetNames"),
      name("detail.databaseName"),
    ],
  },
  "aws.glue-dataquality": {
    why: "data-quality results of the project's rulesets",
    pins: [name("detail.rulesetNames")],
  },
  "aws.s3": {
    why: "objects created in the project's buckets or under its folder of a lake bucket",
    pins: [
      [{ path: "detail.bucket.name", kind: "projectName" }],
      [
        { path: "detail.bucket.name", kind: "bucket" },
        { path: "detail.object.key", kind: "lakeKey" },
      ],
    ],
  },
};
