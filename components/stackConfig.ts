/**
 * Typed reading of Pulumi stack config. Every problem is collected and reported at once, naming the
 * stack file, the full key and how to fix it, before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";

export class StackConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid stack configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Raw = string | undefined;

/** Collects typed values from raw config strings (`pulumi.Config.get` returns strings; objects as JSON). */
export class ConfigReader {
  readonly problems: string[] = [];
  constructor(
    readonly namespace: string,
    private readonly raw: (key: string) => Raw,
  ) {}

  static forStack(namespace: string): ConfigReader {
    const cfg = new pulumi.Config(namespace);
    return new ConfigReader(namespace, (k) => cfg.get(k));
  }

  private fail(key: string, why: string, fix: string): undefined {
    this.problems.push(`${this.namespace}:${key} ${why}. Fix: ${fix}`);
    return undefined;
  }

  private setHint(key: string, example: string): string {
    return `pulumi config set ${this.namespace}:${key} ${example}`;
  }

  string(
    key: string,
    opts: { required?: boolean; pattern?: RegExp; oneOf?: readonly string[]; example: string },
  ): string | undefined {
    const v = this.raw(key);
    if (v === undefined || v === "") {
      return opts.required ? this.fail(key, "is missing", this.setHint(key, opts.example)) : undefined;
    }
    if (opts.oneOf && !opts.oneOf.includes(v)) {
      return this.fail(
        key,
        `is "${v}" but must be one of ${opts.oneOf.join(", ")}`,
        this.setHint(key, opts.example),
      );
    }
    if (opts.pattern && !opts.pattern.test(v)) {
      return this.fail(
        key,
        `is "${v}", which does not match ${opts.pattern}`,
        this.setHint(key, opts.example),
      );
    }
    return v;
  }

  integer(
    key: string,
    opts: { default?: number; min: number; max: number; oneOf?: readonly number[] },
  ): number | undefined {
    const v = this.raw(key);
    const example = String(opts.default ?? opts.min);
    if (v === undefined || v === "") {
      return opts.default ?? this.fail(key, "is missing", this.setHint(key, example));
    }
    const n = Number(v);
    if (!Number.isInteger(n))
      return this.fail(key, `is "${v}" but must be a whole number`, this.setHint(key, example));
    if (n < opts.min || n > opts.max) {
      return this.fail(
        key,
        `is ${n} but must be between ${opts.min} and ${opts.max}`,
        this.setHint(key, example),
      );
    }
    if (opts.oneOf && !opts.oneOf.includes(n)) {
      return this.fail(
        key,
        `is ${n} but must be one of ${opts.oneOf.join(", ")}`,
        this.setHint(key, example),
      );
    }
    return n;
  }

  boolean(key: string, opts: { default: boolean }): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined || v === "") return opts.default;
    if (v === "true") return true;
    if (v === "false") return false;
    return this.fail(key, `is "${v}" but must be true or false`, this.setHint(key, String(opts.default)));
  }

  json<T>(
    key: string,
    opts: { default: T; check: (v: unknown) => string | undefined; example: string },
  ): T | undefined {
    const v = this.raw(key);
    if (v === undefined || v === "") return opts.default;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      return this.fail(
        key,
        `is not valid structured config (${v})`,
        `write it as a YAML value, e.g. ${opts.example}`,
      );
    }
    const problem = opts.check(parsed);
    return problem ? this.fail(key, problem, `write it as e.g. ${opts.example}`) : (parsed as T);
  }

  /** Throws one error listing every problem, naming the stack config file. */
  done(file: string): void {
    if (this.problems.length > 0) throw new StackConfigError(file, this.problems);
  }
}

/** The stack's config file as the CLI names it (docs/pulumi-facts.md, "Project and stack files"). */
export function stackConfigFile(dir: string, stack: string): string {
  return `${dir}Pulumi.${stack.replace(/\//g, "-")}.yaml`;
}
