/** The only file that constructs the PolicyPack (its constructor starts the analyzer gRPC server). */
import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies } from "./policies";

new PolicyPack(PACK_NAME, {
  description:
    "glue-platform guardrails: project isolation, private networking, encryption, Glue limits, tags",
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies,
});
