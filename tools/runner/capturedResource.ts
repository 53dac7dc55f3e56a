/** A captured custom resource built outside a stack run (live resources, test cases): every engine
 * field at its default, no dependencies, no resource options. */
import { PropertyMap } from "./encoding";
import { CapturedResource } from "./runStack";

export function customResource(r: {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: PropertyMap;
  readonly outputs?: PropertyMap;
}): CapturedResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    custom: true,
    read: false,
    inputs: r.inputs,
    outputs: r.outputs ?? {},
    dependencies: [],
    propertyDependencies: {},
    protect: false,
    retainOnDelete: false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
  };
}
