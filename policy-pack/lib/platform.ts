/** Endpoint services the platform VPC must have (glue-notes §4); shared with the platform program. */
export {
  GATEWAY_ENDPOINT_SERVICES as GATEWAY_SERVICES,
  INTERFACE_ENDPOINT_SERVICES as INTERFACE_SERVICES,
} from "../../platform/endpoints";
