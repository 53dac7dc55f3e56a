/** Endpoint services the platform VPC must have (docs/aws-facts.md "Endpoints"); shared with the platform program. */
export {
  GATEWAY_ENDPOINT_SERVICES as GATEWAY_SERVICES,
  INTERFACE_ENDPOINT_SERVICES as INTERFACE_SERVICES,
} from "../../components/endpoints";
