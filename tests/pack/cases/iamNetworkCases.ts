/** Resource cases of the policy pack: IAM roles and policies, security groups and routes (run by tests/pack/iamNetworkPolicies.test.ts). */
import { T } from "../../../policy-pack/lib/types";
import { json, OTHER, PROJECT, set, Props, ResourceCase } from "../../support/policyCases";

export const IAM_NETWORK_CASES: ResourceCase[] = [
  {
    policy: "security-group-no-open-ingress",
    type: T.securityGroup,
    from: { stack: PROJECT, env: "dev", type: T.securityGroup },
    fails: [
      [
        "world-open ingress",
        set(["ingress", 1], { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        /ingress\[1\] accepts traffic from public addresses \(0\.0\.0\.0\/0\)/,
      ],
      [
        "ingress from a CIDR",
        set(["ingress", 0], { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }),
        /accepts traffic from outside the group/,
      ],
      [
        "open egress",
        set(["egress", 0], { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
        /egress\[0\] sends traffic to public addresses \(0\.0\.0\.0\/0\)/,
      ],
    ],
    unknown: ["ingress"],
  },
  {
    policy: "iam-project-role-trust",
    type: T.role,
    from: { stack: PROJECT, env: "dev", name: "job" },
    fails: [
      [
        "trusts EC2",
        json((d) => ((d.Statement[0].Principal as Props).Service = "ec2.amazonaws.com"), "assumeRolePolicy"),
        /trusts \{"Service":\["ec2.amazonaws.com"\]\}/,
      ],
      [
        "no SourceAccount",
        json((d) => delete d.Statement[0].Condition, "assumeRolePolicy"),
        /without an aws:SourceAccount condition/,
      ],
      [
        "trusts an account",
        json(
          (d) => (d.Statement[0].Principal = { AWS: "arn:aws:iam::999999999999:root" }),
          "assumeRolePolicy",
        ),
        /trusts \{"AWS"/,
      ],
    ],
    unknown: ["assumeRolePolicy"],
  },
  {
    policy: "iam-no-aws-managed-policies",
    type: T.rolePolicyAttachment,
    from: { stack: PROJECT, env: "dev", name: "job-data-access" },
    fails: [
      [
        "AWSGlueServiceRole",
        set(["policyArn"], "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"),
        /attaches the AWS managed policy/,
      ],
    ],
    // an unknown policyArn is judged through its dependency by iam-attach-only-own-policies
    unknown: [],
  },
  {
    policy: "iam-no-wildcard-data-resources",
    type: T.policy,
    from: { stack: PROJECT, env: "dev", name: "data-access" },
    fails: [
      [
        "s3:* on *",
        json((d) => d.Statement.push({ Effect: "Allow", Action: "s3:*", Resource: "*" })),
        /allows s3:\* on \*/,
      ],
      [
        "Action *",
        json((d) => d.Statement.push({ Effect: "Allow", Action: "*", Resource: "*" })),
        /allows Action "\*"/,
      ],
      [
        "every bucket",
        json((d) =>
          d.Statement.push({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*" }),
        ),
        /on arn:aws:s3:::\*/,
      ],
    ],
    unknown: ["policy"],
  },
  {
    policy: "iam-project-policy-isolation",
    type: T.policy,
    from: { stack: PROJECT, env: "dev", name: "data-access" },
    fails: [
      [
        "foreign prefix",
        json((d) =>
          d.Statement.push({
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::glue-lake-bronze-1/${OTHER}/*`,
          }),
        ),
        /grants access to project\(s\) 418680bb/,
      ],
    ],
    unknown: ["policy"],
  },
  {
    policy: "iam-passrole-own-roles-to-glue",
    type: T.policy,
    from: { stack: PROJECT, env: "dev", name: "pass-role" },
    fails: [
      [
        "foreign role",
        json((d) => (d.Statement[0].Resource = [`arn:aws:iam::123456789012:role/${OTHER}-glue-job-role`])),
        /lets the project pass arn:aws:iam::123456789012:role\/project-418680bb/,
      ],
      [
        "no service condition",
        json((d) => delete d.Statement[0].Condition),
        /without iam:PassedToService glue\.amazonaws\.com/,
      ],
    ],
    unknown: ["policy"],
  },
  {
    policy: "iam-glue-sessions-pinned-to-vpc",
    type: T.policy,
    from: { stack: PROJECT, env: "dev", name: "dev-sessions" },
    fails: [
      [
        "no VPC pin",
        json((d) => delete (d.Statement[0].Condition as Props)["ForAllValues:StringEquals"]),
        /without pinning glue:VpcIds/,
      ],
      [
        "no connection required",
        json((d) => delete (d.Statement[0].Condition as Props).Null),
        /without requiring glue:SecurityGroupIds/,
      ],
    ],
    unknown: ["policy"],
  },
  {
    policy: "network-no-internet-path",
    type: T.routeTable,
    from: { stack: "dev", env: "dev", type: T.routeTable },
    fails: [
      [
        "default route",
        set(["routes"], [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }]),
        /routes\[0\] sends cidrBlock 0\.0\.0\.0\/0 to gatewayId instead of the VPC's local route/,
      ],
    ],
    unknown: ["routes"],
  },
];
