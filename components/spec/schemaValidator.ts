/**
 * The compiled JSON Schema validator of the project spec (ajv, every error at once). Kept apart so how
 * the validator is built (compiled at load, or a precompiled standalone module) is one import.
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { PROJECT_SPEC_SCHEMA } from "./schema";

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
addFormats(ajv, ["email"]);

/** Validates parsed spec data against projects/project.schema.json; errors in `validateSchema.errors`. */
export const validateSchema = ajv.compile(PROJECT_SPEC_SCHEMA);
