/** Config schemas of the limit-bearing policies; every default comes from the governance limits. */
import { PolicyConfigSchema } from "@pulumi/policy";
import { PLATFORM_LIMITS } from "../../components/limits";

export const limitSchema = (
  props: Record<string, { type: string; default: unknown; description: string; items?: object }>,
): PolicyConfigSchema => ({
  properties: Object.fromEntries(
    Object.entries(props).map(([k, v]) => [k, v as PolicyConfigSchema["properties"][string]]),
  ),
});

export const L = PLATFORM_LIMITS;
