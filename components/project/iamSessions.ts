/**
 * The dev role: the human side of Glue interactive sessions (docs/aws-facts.md "Interactive sessions
 * (people)"). People create sessions only in the project's network, tagged with the project, use only
 * the project's sessions, run the project's own jobs and crawlers (by name) and read its Glue logs.
 */
import { arns } from "../arn";
import { Statement } from "../iam";
import { ifAny, ProjectIamContext, projectLogGroupArns } from "./iamContext";
import { RUN_JOBS_AND_CRAWLERS, USE_SESSIONS } from "./iamActions";
import { connectionArns } from "./iamNetwork";

export function devSessionStatements(ctx: ProjectIamContext): Statement[] {
  const { scope, platform, own } = ctx;
  const sessions = arns.glueSession(scope, "*");
  return [
    {
      // glue:VpcIds/SubnetIds/SecurityGroupIds are what Glue infers from the session's connections
      // (CreateSession, CreateJob and UpdateJob support them, Service Authorization Reference,
      // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html). The
      // VPC and subnets are the project's connections' (one per platform subnet); the project's
      // security group id is unknown at preview, so a security group is required here and pinned
      // through the runtime role, which may create Glue's interfaces only with a security group tagged
      // with the project (iamNetwork.ts, docs/decisions.md "Interactive sessions instead of dev
      // endpoints").
      Sid: "CreateSessionsOnlyInPlatformVpc",
      Effect: "Allow",
      Action: ["glue:CreateSession", "glue:TagResource"],
      Resource: sessions,
      Condition: {
        "ForAllValues:StringEquals": {
          "glue:VpcIds": [platform.vpcId],
          "glue:SubnetIds": platform.privateSubnetIds,
        },
        // ForAllValues passes on an empty set: require a connection (and with it VPC, subnet, SG).
        Null: { "glue:VpcIds": "false", "glue:SubnetIds": "false", "glue:SecurityGroupIds": "false" },
        StringEquals: { "aws:RequestTag/Project": ctx.projectTag },
        // The request tag pins only the session being created: glue:TagResource on an existing
        // session of another project would re-tag it as this project's (docs/aws-facts.md
        // "Condition pins"); an existing session's Project tag, if any, must already be this one.
        StringEqualsIfExists: { "aws:ResourceTag/Project": ctx.projectTag },
      },
    },
    {
      Sid: "UseOwnSessions",
      Effect: "Allow",
      Action: [...USE_SESSIONS],
      Resource: sessions,
      Condition: { StringEquals: { "aws:ResourceTag/Project": ctx.projectTag } },
    },
    // glue:ListSessions supports no resource type or tag filter in IAM, so granting it would list
    // every project's sessions; people use their own session ids (GetSession is tag-scoped above).
    ...ifAny(
      [
        ...own.jobs.map((j) => arns.glueJob(scope, j)),
        ...own.crawlers.map((c) => arns.glueCrawler(scope, c)),
      ],
      {
        Sid: "RunOwnJobsAndCrawlers",
        Effect: "Allow",
        Action: RUN_JOBS_AND_CRAWLERS,
      },
    ),
    {
      Sid: "UseProjectConnection",
      Effect: "Allow",
      Action: "glue:GetConnection",
      Resource: [arns.glueCatalog(scope), ...connectionArns(ctx)],
    },
    {
      Sid: "ReadOwnGlueLogs",
      Effect: "Allow",
      Action: ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams"],
      Resource: projectLogGroupArns(ctx),
    },
  ];
}
