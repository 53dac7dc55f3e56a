/** Write clients for moto (the demo and the tests seed it; the audit itself only reads), and the
 * conversions of captured Pulumi inputs to AWS API shapes the seeding shares. */
import { EC2Client } from "@aws-sdk/client-ec2";
import { GlueClient } from "@aws-sdk/client-glue";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { isUnknownValue, PropertyMap } from "../runner/encoding";

export interface Sdk {
  readonly ec2: EC2Client;
  readonly glue: GlueClient;
  readonly iam: IAMClient;
  readonly kms: KMSClient;
  readonly s3: S3Client;
}

export function sdk(endpoint: string, region = "eu-west-1"): Sdk {
  const c = { region, endpoint };
  return {
    ec2: new EC2Client(c),
    glue: new GlueClient(c),
    iam: new IAMClient(c),
    kms: new KMSClient(c),
    s3: new S3Client({ ...c, forcePathStyle: true }),
  };
}

export const tags = (i: PropertyMap) => (i.tags ?? {}) as Record<string, string>;
export const tagList = (i: PropertyMap) => Object.entries(tags(i)).map(([Key, Value]) => ({ Key, Value }));
export const known = <T>(v: T) => (isUnknownValue(v) ? undefined : v);
