/** Defaults a job gets when the spec is silent (components/glue/jobArgs.ts applies them; the schema
 * documents them, components/spec/fieldDocs.ts). No imports, so both can load it first. */
export const JOB_DEFAULTS = { maxRetries: 0, maxConcurrentRuns: 1 } as const;
