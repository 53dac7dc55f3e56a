/** A test double of the Pulumi Automation API adapter (tools/automation/workspace.ts), and engine
 * events to feed it. */
import {
  CliMissingError,
  ConfigValues,
  EngineEvent,
  PulumiWorkspace,
  StackHandle,
} from "../../tools/automation/workspace";

/** A logger that drops every line. */
export const quiet = () => undefined;

export interface FakeCall {
  readonly op: string;
  readonly stack?: string;
  readonly arg?: unknown;
}

/** A test double of the Automation API adapter, recording every call. */
export class FakeWorkspace implements PulumiWorkspace {
  readonly calls: FakeCall[] = [];
  readonly config = new Map<string, ConfigValues>();
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly behave: {
      cli?: boolean;
      events?: EngineEvent[];
      refresh?: (stack: string) => { events: EngineEvent[]; error?: Error; hang?: boolean };
    } = {},
  ) {}
  async ensureCli() {
    this.calls.push({ op: "ensureCli" });
    if (this.behave.cli === false) throw new CliMissingError("pulumi not on PATH");
    return { version: "3.270.0" };
  }
  private handle(name: string): StackHandle {
    const emit = (events: EngineEvent[] | undefined, onEvent?: (e: EngineEvent) => void) =>
      (events ?? []).forEach((e) => onEvent?.(e));
    return {
      name,
      setAllConfig: async (c) => {
        this.calls.push({ op: "setAllConfig", stack: name, arg: c });
        this.config.set(name, c);
      },
      preview: async (o) => {
        this.calls.push({
          op: "preview",
          stack: name,
          arg: { policyPacks: o.policyPacks, policyPackConfigs: o.policyPackConfigs },
        });
        emit(this.behave.events, o.onEvent);
        return { changeSummary: {} };
      },
      up: async (o) => {
        this.calls.push({ op: "up", stack: name });
        emit(this.behave.events, o.onEvent);
        return {
          outputs: { jobRoleArn: { value: "arn:aws:iam::1:role/x", secret: false } },
          summary: { result: "succeeded" },
        };
      },
      previewRefresh: async (o) => {
        this.calls.push({ op: "previewRefresh", stack: name, arg: { expectNoChanges: o.expectNoChanges } });
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        try {
          const b = this.behave.refresh?.(name) ?? { events: [] };
          await new Promise((r) => setTimeout(r, 20));
          emit(b.events, o.onEvent);
          if (b.hang)
            await new Promise((_, reject) =>
              o.signal?.addEventListener("abort", () => reject(new Error("aborted"))),
            );
          if (b.error) throw b.error;
          return { changeSummary: {} };
        } finally {
          this.inFlight--;
        }
      },
    };
  }
  async createOrSelectStack({ stackName }: { stackName: string; workDir: string }) {
    this.calls.push({ op: "createOrSelectStack", stack: stackName });
    return this.handle(stackName);
  }
  async selectStack({ stackName }: { stackName: string; workDir: string }) {
    this.calls.push({ op: "selectStack", stack: stackName });
    return this.handle(stackName);
  }
}

/** A resource-outputs engine event (what refresh and preview report per resource). */
export const resOutputs = (
  urn: string,
  type: string,
  op: string,
  detailedDiff?: Record<string, unknown>,
): EngineEvent =>
  ({
    sequence: 0,
    timestamp: 0,
    resOutputsEvent: {
      metadata: {
        op,
        urn,
        type,
        provider: "",
        old: undefined,
        new: undefined,
        detailedDiff,
        diffs: detailedDiff ? Object.keys(detailedDiff) : [],
      },
    },
  }) as unknown as EngineEvent;
