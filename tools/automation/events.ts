/** Engine events → what the tools report: progress lines, operation counts, policy violations, drift. */
import { EngineEvent } from "./workspace";

export interface PolicyFinding {
  readonly policy: string;
  readonly level: string;
  readonly urn?: string;
  readonly message: string;
}

export interface DriftedResource {
  readonly urn: string;
  readonly type: string;
  /** "drifted" (changed out of band) or "deleted" (gone out of band). */
  readonly kind: "drifted" | "deleted";
  /** Changed property paths, from the event's detailed diff (or its diff list). */
  readonly properties: string[];
}

export class EventCollector {
  readonly policy: PolicyFinding[] = [];
  readonly operations = new Map<string, number>();
  readonly drift: DriftedResource[] = [];
  readonly diagnostics: string[] = [];

  constructor(private readonly progress?: (line: string) => void) {}

  readonly onEvent = (e: EngineEvent): void => {
    if (e.policyEvent) {
      const p = e.policyEvent;
      this.policy.push({
        policy: p.policyName,
        level: p.enforcementLevel,
        urn: p.resourceUrn,
        message: p.message,
      });
    }
    if (e.diagnosticEvent && /error|warning/.test(e.diagnosticEvent.severity)) {
      this.diagnostics.push(`${e.diagnosticEvent.severity}: ${e.diagnosticEvent.message.trim()}`);
    }
    if (
      e.resourcePreEvent &&
      e.resourcePreEvent.metadata.op !== "same" &&
      e.resourcePreEvent.metadata.op !== "refresh"
    ) {
      const m = e.resourcePreEvent.metadata;
      this.progress?.(`  ${m.op.padEnd(8)} ${m.type} ${m.urn.split("::").pop()}`);
    }
    if (e.resOutputsEvent) {
      const m = e.resOutputsEvent.metadata;
      this.operations.set(m.op, (this.operations.get(m.op) ?? 0) + 1);
      if (m.op === "update" || m.op === "delete") {
        const detailed = Object.keys(m.detailedDiff ?? {});
        this.drift.push({
          urn: m.urn,
          type: m.type,
          kind: m.op === "delete" ? "deleted" : "drifted",
          properties: detailed.length > 0 ? detailed.sort() : [...(m.diffs ?? [])].sort(),
        });
      }
    }
  };
}
