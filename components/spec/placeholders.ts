/** `${lake.<layer>}` and `${db.<layer>}` in job parameters: the project's lake prefix (as an s3:// URI)
 * and catalog database of a layer, so specs stay environment-agnostic. */
import { LakeLayer } from "../naming";

const ANY = /\$\{([^}]*)\}/g;
const KNOWN = /^(lake|db)\.(bronze|silver|gold)$/;

export interface Placeholder {
  readonly text: string;
  readonly kind?: "lake" | "db";
  readonly layer?: LakeLayer;
}

export function placeholdersIn(value: string): Placeholder[] {
  return [...value.matchAll(ANY)].map((m) => {
    const k = KNOWN.exec(m[1]);
    return k ? { text: m[0], kind: k[1] as "lake" | "db", layer: k[2] as LakeLayer } : { text: m[0] };
  });
}

export function expandPlaceholders(
  value: string,
  resolve: (kind: "lake" | "db", layer: LakeLayer) => string,
): string {
  return value.replace(ANY, (text, inner: string) => {
    const k = KNOWN.exec(inner);
    return k ? resolve(k[1] as "lake" | "db", k[2] as LakeLayer) : text;
  });
}
