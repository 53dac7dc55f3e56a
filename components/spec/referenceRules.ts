/**
 * Cross-field rules between a spec's crawlers, data-quality rulesets, workflows and triggers: every
 * name they use is defined in the same spec, raw and curated zones never mix, and each trigger type
 * takes only its own fields.
 */
import { LakeLayer } from "../naming";
import { ProjectSpec } from "./model";
import { AddProblem, PathSegment } from "./problems";

function crawlerProblems(spec: ProjectSpec, databases: ReadonlySet<LakeLayer>, add: AddProblem): void {
  (spec.crawlers ?? []).forEach((c, i) => {
    const at = (...rest: PathSegment[]) => ["crawlers", i, ...rest];
    if (!databases.has(c.database))
      add(
        at("database"),
        `"${c.database}" is not in catalog.databases`,
        `add ${c.database} to catalog.databases`,
      );
    const rawZone = c.zone === "raw";
    if (rawZone !== (c.database === "bronze")) {
      add(
        at("database"),
        `a ${c.zone} crawler cannot write to the ${c.database} database`,
        rawZone ? "use database: bronze" : "use silver or gold",
      );
    }
    c.targets.forEach((t, k) => {
      if (rawZone !== (t.layer === "bronze")) {
        add(
          at("targets", k, "layer"),
          `a ${c.zone} crawler cannot crawl ${t.layer}: raw and curated data are never crawled together`,
          "split it into a raw and a curated crawler",
        );
      }
    });
  });
  (spec.dataQuality ?? []).forEach((d, i) => {
    if (!databases.has(d.database))
      add(
        ["dataQuality", i, "database"],
        `"${d.database}" is not in catalog.databases`,
        `add ${d.database} to catalog.databases`,
      );
  });
}

function triggerProblems(spec: ProjectSpec, add: AddProblem): void {
  const jobs = new Set((spec.jobs ?? []).map((j) => j.name));
  const crawlers = new Set((spec.crawlers ?? []).map((c) => c.name));
  const workflows = new Set((spec.workflows ?? []).map((w) => w.name));
  (spec.triggers ?? []).forEach((t, i) => {
    const at = (...rest: PathSegment[]) => ["triggers", i, ...rest];
    if (t.workflow !== undefined && !workflows.has(t.workflow))
      add(
        at("workflow"),
        `workflow "${t.workflow}" is not defined in this spec`,
        "add it under workflows or fix the name",
      );
    if (t.type === "scheduled" && !t.schedule)
      add(at("schedule"), "a scheduled trigger needs a schedule", "add schedule: cron(0 2 * * ? *)");
    if (t.type !== "scheduled" && t.schedule)
      add(
        at("schedule"),
        `only scheduled triggers take a schedule, this one is ${t.type}`,
        "remove schedule or use type: scheduled",
      );
    if (t.type === "conditional" && !(t.conditions && t.conditions.length > 0))
      add(
        at("conditions"),
        "a conditional trigger needs conditions",
        "add conditions: [{job: <name>, state: SUCCEEDED}]",
      );
    if (t.type !== "conditional" && t.conditions)
      add(
        at("conditions"),
        `only conditional triggers take conditions, this one is ${t.type}`,
        "remove conditions",
      );
    if (t.type === "event" && !t.workflow)
      add(at("workflow"), "an event trigger must start a workflow", "add workflow: <name>");
    if (t.type !== "event" && t.eventBatching)
      add(at("eventBatching"), "only event triggers batch events", "remove eventBatching");
    const ref = (p: PathSegment[], r: { job?: string; crawler?: string }) => {
      if ((r.job === undefined) === (r.crawler === undefined))
        add(p, "must name exactly one of job or crawler", "write job: <name> or crawler: <name>");
      else if (r.job !== undefined && !jobs.has(r.job))
        add(
          [...p, "job"],
          `job "${r.job}" is not defined in this project`,
          "triggers may only use this project's jobs",
        );
      else if (r.crawler !== undefined && !crawlers.has(r.crawler))
        add(
          [...p, "crawler"],
          `crawler "${r.crawler}" is not defined in this project`,
          "triggers may only use this project's crawlers",
        );
    };
    t.actions.forEach((a, k) => ref(at("actions", k), a));
    (t.conditions ?? []).forEach((c, k) => ref(at("conditions", k), c));
  });
}

/** Every reference rule of crawlers, data quality and triggers. */
export function referenceProblems(spec: ProjectSpec, add: AddProblem): void {
  crawlerProblems(spec, new Set<LakeLayer>(spec.catalog?.databases ?? []), add);
  triggerProblems(spec, add);
}
