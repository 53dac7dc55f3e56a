/**
 * What the AWS provider's `Check` adds to a resource's inputs before policies see them, and the mock
 * runtime does not: `tagsAll`, the resource's `tags` merged over the provider's `defaultTags`
 * (pulumi-aws `applyTags`, docs/pulumi-facts.md). A type takes `tagsAll` exactly when its SDK class
 * declares the output, which the installed `@pulumi/aws` module of the type tells.
 */
import * as fs from "fs";
import * as path from "path";
import { isUnknownValue, PropertyMap, PropertyValue } from "./encoding";
import type { CapturedResource } from "./runStack";

const taggable = new Map<string, boolean>();

/** `aws:s3/bucketObjectv2:BucketObjectv2` → does `@pulumi/aws/s3/bucketObjectv2.js` declare tagsAll? */
export function takesTagsAll(type: string): boolean {
  let known = taggable.get(type);
  if (known === undefined) {
    known = false;
    const [pkg, mod = ""] = type.split(":");
    const [folder, file] = mod.split("/");
    if (pkg && folder && file) {
      try {
        const pkgDir = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`));
        const js = path.join(pkgDir, folder === "index" ? "" : folder, `${file}.js`);
        known = fs.readFileSync(js, "utf8").includes('resourceInputs["tagsAll"]');
      } catch {
        known = false;
      }
    }
    taggable.set(type, known);
  }
  return known;
}

function asObject(v: PropertyValue | undefined): Record<string, PropertyValue> | undefined {
  if (typeof v === "string" && !isUnknownValue(v)) {
    try {
      return asObject(JSON.parse(v) as PropertyValue);
    } catch {
      return undefined;
    }
  }
  return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}

/** `defaultTags.tags` of a provider's inputs (objects may arrive as JSON strings, as config does). */
export function defaultTagsOf(providerInputs: PropertyMap): Record<string, PropertyValue> {
  return asObject(asObject(providerInputs.defaultTags)?.tags) ?? {};
}

/** Adds `tagsAll` to every taggable AWS resource, from its explicit provider or the default one
 * (configured by the stack's `aws:defaultTags`). */
export function applyProviderCheck(
  resources: CapturedResource[],
  config: Readonly<Record<string, string>>,
): void {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const stackDefaults = defaultTagsOf({ defaultTags: config["aws:defaultTags"] ?? null });
  for (const r of resources) {
    if (!r.custom || r.read || !r.type.startsWith("aws:") || "tagsAll" in r.inputs || !takesTagsAll(r.type))
      continue;
    const explicit = r.provider ? byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::"))) : undefined;
    const defaults = explicit ? defaultTagsOf(explicit.inputs) : stackDefaults;
    const tags = r.inputs.tags;
    let tagsAll: PropertyValue;
    if (isUnknownValue(tags)) tagsAll = tags as string;
    else tagsAll = { ...defaults, ...(asObject(tags) ?? {}) };
    if (typeof tagsAll === "object" && Object.keys(tagsAll as object).length === 0) continue;
    r.inputs.tagsAll = tagsAll;
    r.outputs.tagsAll = tagsAll;
    r.checkAdded = [...(r.checkAdded ?? []), "tagsAll"];
  }
}
