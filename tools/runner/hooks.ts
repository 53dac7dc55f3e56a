/**
 * Resource hooks as the engine receives them (pulumi/pulumi proto/pulumi/resource.proto): a program
 * registers each named hook once (`RegisterResourceHook` / `RegisterErrorHook`, with a callback into the
 * program, `on_dry_run` and `ignore_errors`) and binds hooks to a resource by name through the `hooks`
 * resource option (RegisterResourceRequest `hooks`, a `ResourceHooksBinding` of names per lifecycle
 * point). The engine calls them before/after a resource's create, update or delete, and on error
 * (pkg/resource/deploy/deployment.go `RunHooks`; skipped at preview unless `on_dry_run`). Policies
 * never see them (docs/pulumi-facts.md). The runner records both requests and never calls a hook.
 */

/** The lifecycle points of a `ResourceHooksBinding`, with the SDK option name of each. */
export const HOOK_POINTS = [
  "beforeCreate",
  "afterCreate",
  "beforeUpdate",
  "afterUpdate",
  "beforeDelete",
  "afterDelete",
  "onError",
] as const;
export type HookPoint = (typeof HOOK_POINTS)[number];

/** The getters of RegisterResourceRequest.ResourceHooksBinding (`@pulumi/pulumi/proto/resource_pb.js`). */
export type HooksBindingMessage = {
  readonly [P in HookPoint as `get${Capitalize<P>}List`]: () => string[];
};

/** RegisterResourceHookRequest / RegisterErrorHookRequest (an error hook has no flags). */
export interface RegisterHookRequest {
  getName(): string;
  getOnDryRun?(): boolean;
  getIgnoreErrors?(): boolean;
}

export interface RegisteredHook {
  readonly name: string;
  readonly kind: "resource" | "error";
  readonly onDryRun: boolean;
  readonly ignoreErrors: boolean;
}

/** One hook bound to one lifecycle point of a resource. */
export interface BoundHook extends RegisteredHook {
  readonly point: HookPoint;
}

/** The hooks a program registered in one run. */
export class HookRegistry {
  private readonly hooks = new Map<string, RegisteredHook>();

  /** Records a registration; like the engine, a second registration of one name is an error. */
  register(req: RegisterHookRequest, kind: RegisteredHook["kind"]): Error | null {
    const name = req.getName();
    if (this.hooks.has(name)) return new Error(`hook "${name}" is registered twice`);
    this.hooks.set(name, {
      name,
      kind,
      onDryRun: req.getOnDryRun?.() ?? false,
      ignoreErrors: req.getIgnoreErrors?.() ?? false,
    });
    return null;
  }

  get(name: string, kind: RegisteredHook["kind"]): RegisteredHook {
    return this.hooks.get(name) ?? { name, kind, onDryRun: false, ignoreErrors: false };
  }
}

/** Every hook a registration binds, in lifecycle order. */
export function boundHooks(binding: HooksBindingMessage | undefined, registry: HookRegistry): BoundHook[] {
  if (!binding) return [];
  return HOOK_POINTS.flatMap((point) => {
    const getter = `get${point.charAt(0).toUpperCase()}${point.slice(1)}List` as keyof HooksBindingMessage;
    return binding[getter]().map((name) => ({
      ...registry.get(name, point === "onError" ? "error" : "resource"),
      point,
    }));
  });
}
