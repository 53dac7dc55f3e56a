/**
 * Reads the engine's event log (`--event-log <file>`: one JSON engine event per line, the stream the
 * Automation API consumes, https://www.pulumi.com/docs/iac/using-pulumi/automation-api/) and turns
 * its policy events into the offline gate's decision shape, so both can be compared.
 */
import * as fs from "fs";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { Violation } from "../../tools/gate/evaluate";

export interface Decision {
  readonly policy: string;
  readonly level: "mandatory" | "advisory";
  /** URN of the resource, "" for a stack-level decision. */
  readonly urn: string;
  readonly message: string;
}

export function readEventLog(file: string): EngineEvent[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EngineEvent);
}

/** The engine's policy decisions; it reports advisory as "warning" (remediate as mandatory). */
export function engineDecisions(events: readonly EngineEvent[]): Decision[] {
  return sortDecisions(
    events.flatMap((e) =>
      e.policyEvent
        ? [
            {
              policy: e.policyEvent.policyName,
              level:
                e.policyEvent.enforcementLevel === "mandatory"
                  ? ("mandatory" as const)
                  : ("advisory" as const),
              urn: e.policyEvent.resourceUrn ?? "",
              message: e.policyEvent.message.trim(),
            },
          ]
        : [],
    ),
  );
}

export function gateDecisions(violations: readonly Violation[]): Decision[] {
  // The engine's preview is compared: the gate's second pass at `pulumi up` is left out.
  return sortDecisions(
    violations
      .filter((v) => !v.atUpdate)
      .map((v) => ({
        policy: v.policy,
        level: v.level,
        urn: v.urn ?? "",
        message: v.message.trim(),
      })),
  );
}

function sortDecisions(ds: Decision[]): Decision[] {
  const key = (d: Decision) => `${d.policy}\0${d.urn}\0${d.level}\0${d.message}`;
  return [...ds].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Error diagnostics of a run (what the engine printed as `error:`), for failure messages. */
export function errorDiagnostics(events: readonly EngineEvent[]): string[] {
  return events.flatMap((e) =>
    e.diagnosticEvent && e.diagnosticEvent.severity === "error" ? [e.diagnosticEvent.message.trim()] : [],
  );
}
