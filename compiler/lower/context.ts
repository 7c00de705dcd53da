// Lowering state: one ModuleCx per contract (functions produced so far,
// memoized helpers, diagnostics) and one FnCx per function being lowered
// (its locals, loop labels, `unchecked` depth and per-call caches).
import type * as ast from "../syntax/ast.ts";
import type { ContractInfo, LocalInfo, Type, TypedProgram } from "../types/model.ts";
import type { Diagnostic } from "../diagnostics/index.ts";
import { diagnostic } from "../diagnostics/index.ts";
import type { Crypto } from "../abi/selector.ts";
import type { EnvName, IrFunction, IrLocal, IrType } from "./ir.ts";
import { tyName } from "./ir.ts";
import { irType } from "./types.ts";

export class ModuleCx {
  readonly functions = new Map<string, IrFunction>();
  readonly diagnostics: Diagnostic[] = [];
  /** Helpers being or already generated (a name is reserved before its body is built, for recursion). */
  private readonly helpers = new Set<string>();
  /** Struct types → their name in helper names (`Order`, or `Order'2` for a second struct of that name). */
  private readonly structLabels = new Map<object, string>();

  constructor(
    readonly program: TypedProgram,
    readonly contract: ContractInfo,
    readonly crypto: Crypto,
  ) {}

  /**
   * Returns the name of a generated helper, building it on first use.
   * `build` receives a fresh FnCx and fills in params, result and body.
   */
  helper(name: string, params: { name: string; type: IrType }[], result: IrType | null, build: (f: FnCx) => void): string {
    if (this.helpers.has(name)) return name;
    this.helpers.add(name);
    const f = new FnCx(this, name, result);
    for (const p of params) f.param(p.name, p.type);
    build(f);
    this.add(f.finish());
    return name;
  }

  /**
   * A type's name in helper names: `tyName`, except that two different
   * structs with the same name (a top-level one and a contract's own) get
   * different labels, in order of first use.
   */
  typeLabel(t: IrType): string {
    switch (t.k) {
      case "struct": {
        let label = this.structLabels.get(t);
        if (label === undefined) {
          const same = [...this.structLabels.keys()].filter((s) => (s as { name: string }).name === t.name).length;
          label = same === 0 ? t.name : `${t.name}'${same + 1}`;
          this.structLabels.set(t, label);
        }
        return label;
      }
      case "tuple":
        return `(${t.elems.map((e) => this.typeLabel(e)).join(",")})`;
      case "array":
        return `${this.typeLabel(t.elem)}[${t.size ?? ""}]`;
      default:
        return tyName(t);
    }
  }

  /** `typeLabel` for model types, maps included (storage helpers). */
  modelTypeLabel(t: Type): string {
    switch (t.kind) {
      case "map":
        return `map<${this.modelTypeLabel(t.key)},${this.modelTypeLabel(t.value)}>`;
      case "array":
        return `${this.modelTypeLabel(t.elem)}[${t.size ?? ""}]`;
      case "tuple":
        return `(${t.elems.map((e) => this.modelTypeLabel(e)).join(",")})`;
      default:
        return this.typeLabel(irType(t));
    }
  }

  add(fn: IrFunction): void {
    this.functions.set(fn.name, fn);
  }

  error(code: string, span: ast.Span, message: string, help?: string): void {
    this.diagnostics.push(diagnostic(code, span, message, help === undefined ? {} : { help }));
  }
}

export interface LoopFrame {
  label: number;
}

export class FnCx {
  readonly params: IrLocal[] = [];
  readonly locals: IrLocal[] = [];
  readonly body: import("./ir.ts").Stmt[] = [];
  private readonly byInfo = new Map<number, IrLocal>();
  private nextLabel = 0;
  readonly loops: LoopFrame[] = [];
  /** > 0 inside `unchecked { … }`. */
  unchecked = 0;
  /** Env values read once per call (see statements.ts, cacheEnv). */
  readonly envCache = new Map<EnvName, IrLocal>();
  /** Storage keys built once per call: description → local holding the key (0 until built). */
  readonly keyCache = new Map<string, IrLocal>();
  /** Model locals that are never reassigned after binding (parameters). */
  readonly stableLocals = new Set<number>();

  constructor(
    readonly mod: ModuleCx,
    readonly name: string,
    readonly result: IrType | null,
  ) {}

  get program(): TypedProgram {
    return this.mod.program;
  }

  param(name: string, type: IrType, info?: LocalInfo): IrLocal {
    if (this.locals.length > 0) throw new Error("internal: parameters must be declared first");
    const l: IrLocal = { index: this.params.length, name, type };
    this.params.push(l);
    if (info) {
      this.byInfo.set(info.id, l);
      this.stableLocals.add(info.id);
    }
    return l;
  }

  /** A new local; `info` links it to a source binding. */
  local(name: string, type: IrType, info?: LocalInfo): IrLocal {
    const l: IrLocal = { index: this.params.length + this.locals.length, name, type };
    this.locals.push(l);
    if (info) this.byInfo.set(info.id, l);
    return l;
  }

  /** A compiler temporary, named `hint.N` (source names cannot contain a dot). */
  temp(type: IrType, hint = "t"): IrLocal {
    return this.local(`${hint}.${this.params.length + this.locals.length}`, type);
  }

  /** The IR local of a source binding (declared on first sight). */
  ofInfo(info: LocalInfo, type: IrType): IrLocal {
    return this.byInfo.get(info.id) ?? this.local(info.name, type, info);
  }

  hasInfo(info: LocalInfo): boolean {
    return this.byInfo.has(info.id);
  }

  newLabel(): number {
    return this.nextLabel++;
  }

  finish(exportAs?: string): IrFunction {
    const fn: IrFunction = { name: this.name, params: this.params, locals: this.locals, result: this.result, body: this.body };
    if (exportAs !== undefined) fn.exportAs = exportAs;
    return fn;
  }
}
