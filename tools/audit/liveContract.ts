/**
 * The platform contract's resource ids as they are in the live account, found by the platform's
 * deterministic names and tags. The desired state of project stacks is computed against them, so an
 * audit compares like with like without access to the Pulumi state.
 */
import { arn, partitionOfRegion } from "../../components/arn";
import {
  DescribeManagedPrefixListsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
} from "@aws-sdk/client-ec2";
import { ListAliasesCommand } from "@aws-sdk/client-kms";
import { PlatformNames } from "../../components/naming";
import { AuditClients } from "./clients";
import { FailedCall } from "./live";

export interface LiveContract {
  readonly outputs: Record<string, unknown>;
  readonly failures: FailedCall[];
}

export async function livePlatformContract(
  c: AuditClients,
  env: string,
  scope: { accountId: string; region: string },
): Promise<LiveContract> {
  const failures: FailedCall[] = [];
  const account = { ...scope, partition: partitionOfRegion(scope.region) };
  const names = new PlatformNames(env, account);
  const call = async <T>(operation: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      failures.push({
        operation,
        message: `${(e as { name?: string }).name ?? "Error"}: ${(e as Error).message}`.slice(0, 300),
      });
      return undefined;
    }
  };
  const out: Record<string, unknown> = {};
  const vpc = (
    await call("ec2:DescribeVpcs", () =>
      c.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:Name", Values: [names.vpc()] }] })),
    )
  )?.Vpcs?.[0];
  if (!vpc?.VpcId) {
    failures.push({
      operation: "ec2:DescribeVpcs",
      message: `no VPC tagged Name=${names.vpc()}: is the ${env} platform deployed in this account and region?`,
    });
    return { outputs: out, failures };
  }
  out.vpcId = vpc.VpcId;
  const vpcFilter = [{ Name: "vpc-id", Values: [vpc.VpcId] }];
  const subnets = (
    (await call("ec2:DescribeSubnets", () => c.ec2.send(new DescribeSubnetsCommand({ Filters: vpcFilter }))))
      ?.Subnets ?? []
  ).sort((a, b) => (a.AvailabilityZone ?? "").localeCompare(b.AvailabilityZone ?? ""));
  if (subnets.length > 0) {
    out.privateSubnetIds = subnets.map((s) => s.SubnetId);
    out.privateSubnetAzs = subnets.map((s) => s.AvailabilityZone);
  }
  const sg = (
    await call("ec2:DescribeSecurityGroups", () =>
      c.ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [...vpcFilter, { Name: "group-name", Values: [names.endpointSecurityGroup()] }],
        }),
      ),
    )
  )?.SecurityGroups?.[0];
  if (sg?.GroupId) out.endpointSecurityGroupId = sg.GroupId;
  const endpoints =
    (
      await call("ec2:DescribeVpcEndpoints", () =>
        c.ec2.send(new DescribeVpcEndpointsCommand({ Filters: vpcFilter })),
      )
    )?.VpcEndpoints ?? [];
  const endpointIds: Record<string, string> = {};
  for (const e of endpoints)
    if (e.ServiceName && e.VpcEndpointId)
      endpointIds[e.ServiceName.split(".").pop() as string] = e.VpcEndpointId;
  if (Object.keys(endpointIds).length > 0) out.endpointIds = endpointIds;
  if (endpointIds.s3) out.s3GatewayEndpointId = endpointIds.s3;
  const lists =
    (
      await call("ec2:DescribeManagedPrefixLists", () =>
        c.ec2.send(new DescribeManagedPrefixListsCommand({})),
      )
    )?.PrefixLists ?? [];
  const pl = (svc: string) =>
    lists.find((l) => l.PrefixListName === `com.amazonaws.${scope.region}.${svc}`)?.PrefixListId;
  if (pl("s3")) out.s3PrefixListId = pl("s3");
  if (pl("dynamodb")) out.dynamodbPrefixListId = pl("dynamodb");
  let marker: string | undefined;
  do {
    const r = await call("kms:ListAliases", () => c.kms.send(new ListAliasesCommand({ Marker: marker })));
    const alias = r?.Aliases?.find((a) => a.AliasName === names.keyAlias());
    if (alias?.TargetKeyId) out.platformKeyArn = arn(account, "kms", `key/${alias.TargetKeyId}`);
    marker = r?.Truncated ? r.NextMarker : undefined;
  } while (marker && !out.platformKeyArn);
  return { outputs: out, failures };
}
