/**
 * Who may assume a project's dev-session role: people (IAM Identity Center roles) tagged with the
 * project, nobody else. Expected results come from TRUST_EXPECTED_ACCESS only.
 */
import type { PlatformAccess, ProjectAccess, RoleKind } from "./model";
import type { Probe } from "./probes";
import { arn, arns } from "../../components/arn";
import { DEFAULT_ACCOUNT } from "../runner/mocks";

const ACCOUNT = DEFAULT_ACCOUNT.accountId;

export const TRUST_EXPECTED_ACCESS: Record<string, { own: RoleKind[]; foreign: RoleKind[]; what: string }> = {
  "person-assume-dev": {
    own: ["dev"],
    foreign: [],
    what: "sts:AssumeRole of the dev role by an Identity Center role tagged Project=<project>",
  },
  "person-assume-dev-untagged": {
    own: [],
    foreign: [],
    what: "sts:AssumeRole of the dev role by an Identity Center role without the Project tag",
  },
  "user-assume-dev": {
    own: [],
    foreign: [],
    what: "sts:AssumeRole of the dev role by an IAM user tagged Project=<project> (not a permitted ARN)",
  },
};

/** Probes for people of project `p` (listed under role "dev") assuming the dev role of `t`. */
export function personProbes(p: ProjectAccess, t: ProjectAccess, platform: PlatformAccess): Probe[] {
  const scope = t === p ? "own" : "foreign";
  const target = arns.role(DEFAULT_ACCOUNT, t.names.devRole());
  const people = {
    sso: arns.role(
      DEFAULT_ACCOUNT,
      `aws-reserved/sso.amazonaws.com/${platform.region}/AWSReservedSSO_DataEngineer_0123456789abcdef`,
    ),
    user: arn(DEFAULT_ACCOUNT, "iam", "user/data-engineer", { global: true }),
  };
  const probe = (kind: string, who: string, tags: Record<string, string>): Probe => ({
    id: `${p.slug}/people → ${t.slug}: ${kind}`,
    kind,
    principal: p,
    role: "dev",
    target: t.slug,
    scope,
    checks: [{ action: "sts:AssumeRole", resource: target, resourcePolicy: t.roles.dev.trust }],
    context: {
      "aws:PrincipalArn": who,
      "aws:PrincipalAccount": ACCOUNT,
      "aws:SecureTransport": "true",
      ...tags,
    },
    expectAllowed: TRUST_EXPECTED_ACCESS[kind][scope].includes("dev"),
    as: {
      arn: who,
      identityPolicies: [
        {
          name: "may-assume-roles",
          policy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
          },
        },
      ],
    },
  });
  const tag = { "aws:PrincipalTag/Project": p.connectionSecurityGroupTag };
  return [
    probe("person-assume-dev", people.sso, tag),
    probe("person-assume-dev-untagged", people.sso, {}),
    probe("user-assume-dev", people.user, tag),
  ];
}
