/** `npm run schema`: writes the published JSON Schema of project specs (editor completion). */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_SPEC_SCHEMA } from "../components/spec/schema";

export const SCHEMA_FILE = path.resolve(__dirname, "..", "projects", "project.schema.json");

export function schemaText(): string {
  return JSON.stringify(PROJECT_SPEC_SCHEMA, null, 2) + "\n";
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
