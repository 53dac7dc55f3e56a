/** Spec problems in the one format every tool prints: `file:line:col field — why — how to fix`. */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node } from "yaml";

export interface SpecProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly field: string;
  readonly why: string;
  readonly fix: string;
}

export function formatProblem(p: SpecProblem): string {
  return `${p.file}:${p.line}:${p.col} ${p.field} — ${p.why} — ${p.fix}`;
}

export class SpecError extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(
      `project spec is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was deployed:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
  }
}

export type PathSegment = string | number;

/** Reports one problem at a field of the spec: the rules of every spec module take one. */
export type AddProblem = (path: PathSegment[], why: string, fix: string) => void;

export function fieldName(path: readonly PathSegment[]): string {
  return (
    path.reduce<string>(
      (acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
      "",
    ) || "(document)"
  );
}

/** Locates a path in a parsed YAML document: the key of the deepest pair found, else its value. */
export class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly file: string,
  ) {}

  private offset(path: readonly PathSegment[]): number {
    let node: unknown = this.doc.contents;
    let best = (this.doc.contents as Node | null)?.range?.[0] ?? 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
        if (!pair) break;
        best = (pair.key as Node).range?.[0] ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        best = item.range?.[0] ?? best;
        node = item;
      } else break;
    }
    return best;
  }

  problem(path: readonly PathSegment[], why: string, fix: string): SpecProblem {
    const pos = this.lines.linePos(this.offset(path));
    return { file: this.file, line: pos.line, col: pos.col, field: fieldName(path), why, fix };
  }
}
