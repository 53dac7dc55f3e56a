/**
 * `npm run schema`: writes the published JSON Schema of project specs (editor completion) and the
 * spec's TypeScript types generated from it (tools/specTypes.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_SPEC_SCHEMA } from "../components/spec/schema";
import { SPEC_TYPES_FILE, specTypesText } from "./specTypes";

export const SCHEMA_FILE = path.resolve(__dirname, "..", "projects", "project.schema.json");

export function schemaText(): string {
  return JSON.stringify(PROJECT_SPEC_SCHEMA, null, 2) + "\n";
}

async function main(): Promise<void> {
  fs.writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
  fs.writeFileSync(path.resolve(__dirname, "..", SPEC_TYPES_FILE), await specTypesText());
  console.log(`wrote ${SPEC_TYPES_FILE}`);
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
