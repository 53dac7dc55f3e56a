/**
 * The spec of a new project and the convergence of an existing one: what onboarding writes to
 * `projects/<slug>/project.yaml`. A new spec gets the owner, cost center, environment and budget it
 * was onboarded with; an existing spec is the source of truth and only gains the environment being
 * onboarded (its comments and layout kept), everything else is reported, never overwritten.
 */
import { Document } from "yaml";

export interface ScaffoldInput {
  readonly slug: string;
  readonly owner: string;
  readonly costCenter: string;
  readonly env: string;
  readonly budget?: number;
}

/** Monthly budget of a new project when none is given, USD. */
export const DEFAULT_MONTHLY_BUDGET_USD = 200;

/** The text of a new project's spec. */
export function scaffoldSpec(input: ScaffoldInput, projectId: string): string {
  const doc = new Document({
    slug: input.slug,
    projectId,
    displayName: input.slug.replace(/-/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()),
    owner: input.owner,
    costCenter: input.costCenter,
    environments: [input.env],
    monthlyBudgetUsd: input.budget ?? DEFAULT_MONTHLY_BUDGET_USD,
    notificationEmails: [input.owner],
    catalog: { databases: ["bronze", "silver", "gold"] },
    jobs: [],
  });
  doc.commentBefore =
    " yaml-language-server: $schema=../project.schema.json\n Created by npm run onboard. Add jobs, crawlers and triggers here (README: adding a job).";
  return doc.toString();
}

/** `scripts/README.md` of a new project: the folder its job scripts go to. */
export function scaffoldScriptsReadme(slug: string): string {
  return `# ${slug} job scripts\n\nPut each job's script here and list it under \`jobs:\` in ../project.yaml (README: adding a job).\n`;
}

export interface ConvergedSpec {
  /** The existing spec's id ("" when it has none: validation then reports it). */
  readonly projectId: string;
  readonly action: "keep" | "update";
  readonly text: string;
  /** What differs from the input and stays as the spec says. */
  readonly notes: string[];
  /** Inputs that contradict the spec and cannot be honoured. */
  readonly problems: string[];
}

/** An existing spec (parsed document and its text) converged with an onboarding's input. */
export function convergeSpec(
  loaded: { readonly doc: Document; readonly text: string; readonly data: unknown },
  input: ScaffoldInput & { readonly id?: string },
): ConvergedSpec {
  const { doc, text } = loaded;
  const existing = loaded.data as {
    projectId?: unknown;
    owner?: string;
    costCenter?: string;
    environments?: string[];
  };
  const projectId = typeof existing.projectId === "string" ? existing.projectId : "";
  const notes: string[] = [];
  const problems: string[] = [];
  if (input.id && input.id !== projectId)
    problems.push(
      `--id ${input.id} differs from the existing project's id ${projectId}: a project's id never changes`,
    );
  if (existing.owner !== input.owner)
    notes.push(`owner stays ${existing.owner} (the spec is the source of truth; edit it to change owners)`);
  if (existing.costCenter !== input.costCenter) notes.push(`costCenter stays ${existing.costCenter}`);
  const envs = Array.isArray(existing.environments) ? existing.environments : [];
  if (envs.includes(input.env)) return { projectId, action: "keep", text, notes, problems };
  const node = doc.get("environments", true) as { add?: (v: string) => void } | undefined;
  if (node?.add) node.add(input.env);
  else doc.set("environments", [input.env]);
  notes.push(`adds ${input.env} to environments`);
  return { projectId, action: "update", text: doc.toString(), notes, problems };
}
