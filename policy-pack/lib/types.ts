/** Resource type tokens the policies match: the one table of components/typeTokens.ts
 * (https://www.pulumi.com/docs/iac/concepts/resources/names/#types). */
export { TYPE as T, DEPRECATED_S3_TYPES } from "../../components/typeTokens";
