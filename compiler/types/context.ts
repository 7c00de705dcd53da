// The checker's state: the program whose side tables it fills, the output
// of resolve, the diagnostics, and where it is (function, loops, unchecked
// blocks, the flow state used for definite assignment and reachability).
import type * as ast from "../syntax/ast.ts";
import { DiagnosticBag, type DiagnosticOptions } from "../diagnostics/index.ts";
import type { Resolved } from "../resolve/index.ts";
import type { ConstInfo, ContractInfo, ErrorInfo, EventInfo, FnInfo, LocalInfo, TypedProgram } from "./model.ts";
import { deadFlow, type FlowState } from "./flow.ts";

/** Events and errors a contract's code uses, in order of first use. */
export interface ContractUses {
  events: EventInfo[];
  errors: ErrorInfo[];
}

export class Checker {
  readonly bag = new DiagnosticBag();
  readonly program: TypedProgram;

  // ---- where we are
  contract: ContractInfo | null = null;
  fn: FnInfo | null = null;
  /** Nesting depth of `unchecked { }` blocks. */
  unchecked = 0;
  /** Flow states at each `break` of the enclosing loops (innermost last). */
  loops: FlowState[][] = [];
  flow: FlowState = deadFlow();

  // ---- what we found
  /** Locals read at least once (for the unused-variable warning). */
  readonly reads = new Set<LocalInfo>();
  /** Locals assigned with `x = …` after their declaration (for a better unused message). */
  readonly writes = new Set<LocalInfo>();
  /** Locals already reported as used before assignment (report each once). */
  readonly reportedUnassigned = new Set<LocalInfo>();
  readonly uses = new Map<ContractInfo, ContractUses>();
  /** Constants being checked (cycle detection) and done. */
  readonly constState = new Map<ConstInfo, "checking" | "done" | "failed">();

  constructor(readonly resolved: Resolved) {
    this.program = resolved.program;
  }

  report(code: string, span: ast.Span, message: string, opts?: DiagnosticOptions): void {
    this.bag.report(code, span, message, opts);
  }

  /** Number of errors so far (to tell whether a sub-check reported anything). */
  get errorCount(): number {
    return this.bag.items.filter((d) => d.severity === "error").length;
  }

  useEvent(info: EventInfo): void {
    if (!this.contract) return;
    const u = this.usesOf(this.contract);
    if (!u.events.includes(info)) u.events.push(info);
  }

  useError(info: ErrorInfo): void {
    if (!this.contract) return;
    const u = this.usesOf(this.contract);
    if (!u.errors.includes(info)) u.errors.push(info);
  }

  private usesOf(c: ContractInfo): ContractUses {
    let u = this.uses.get(c);
    if (!u) this.uses.set(c, (u = { events: [], errors: [] }));
    return u;
  }
}
