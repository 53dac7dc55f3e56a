/**
 * Optional stack for the AWS Organizations management (payer) account: activates the tag keys the
 * project budgets filter on as cost allocation tags. Budgets filtered on a tag read $0 until the tag
 * is active, and only the management account can activate it (docs/aws-facts.md "Budgets").
 * Deploy once per organization: `cd billing && pulumi up --stack management`.
 */
import * as aws from "@pulumi/aws";
import { COST_ALLOCATION_TAG_KEYS } from "../components/tags";

async function main(): Promise<{ activeCostAllocationTags: string[] }> {
  for (const tagKey of COST_ALLOCATION_TAG_KEYS)
    new aws.costexplorer.CostAllocationTag(tagKey.toLowerCase(), { tagKey, status: "Active" });
  return { activeCostAllocationTags: [...COST_ALLOCATION_TAG_KEYS] };
}

export = main;
