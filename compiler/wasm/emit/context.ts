// Code generation state. `Gen` is per module: the binaryen module (our
// functions, with the support functions they call as imports), the
// runtime's function names, the constant data and the private intrinsics
// built so far. `FnEmitter` is per
// IR function: its Wasm locals (IR locals first, then scratch locals the
// emitters ask for) and its label names.
import type { IrFunction, IrType } from "../../lower/ir.ts";
import { reprOf } from "../../lower/ir.ts";
import type { RtName } from "../support/api.ts";
import { rt } from "../support/api.ts";
import type { Ex, ResultType, ValType, WasmModule } from "../module.ts";
import type { DataBuilder } from "../data.ts";
import { RT_MODULE } from "../link.ts";

export class Gen {
  /** Names of functions added by the code generator (IR functions and intrinsics). */
  readonly generated: string[] = [];
  private readonly intrinsics = new Set<string>();
  /** Runtime functions imported so far (imports are added on first use). */
  private readonly imported = new Set<string>();

  constructor(
    readonly mod: WasmModule,
    readonly rtNames: Record<RtName, string>,
    readonly data: DataBuilder,
  ) {}

  /**
   * Calls a runtime function of the support library: an import from
   * RT_MODULE that the linker (../link.ts) resolves to the library's function.
   */
  rt(name: RtName, args: Ex[]): Ex {
    const f = rt[name];
    const internal = this.rtNames[name];
    if (!this.imported.has(internal)) {
      this.imported.add(internal);
      this.mod.importFunction(internal, RT_MODULE, f.name, f.params, f.result ?? "none");
    }
    return this.mod.call(internal, args, f.result ?? "none");
  }

  /**
   * Returns the name of a private helper function, building it once.
   * `build` receives an emitter whose first locals are the parameters.
   */
  intrinsic(name: string, params: ValType[], result: ResultType, build: (f: FnEmitter) => Ex): string {
    const full = `w.${name}`;
    if (this.intrinsics.has(full)) return full;
    this.intrinsics.add(full);
    const f = new FnEmitter(this, params);
    const body = build(f);
    this.mod.addFunction(full, params, result, f.vars, body);
    this.generated.push(full);
    return full;
  }
}

export class FnEmitter {
  /** Wasm types of the non-parameter locals. */
  readonly vars: ValType[] = [];

  constructor(
    readonly gen: Gen,
    readonly params: ValType[],
    readonly ir?: IrFunction,
  ) {
    if (ir) for (const l of ir.locals) this.vars.push(reprOf(l.type));
  }

  get mod(): WasmModule {
    return this.gen.mod;
  }

  /** Wasm type of local `index` (IR numbering). */
  typeOfLocal(index: number): ValType {
    return index < this.params.length ? this.params[index]! : this.vars[index - this.params.length]!;
  }

  /**
   * A fresh scratch local (never shared: an emitter may hold it across
   * nested code; the optimizer coalesces locals).
   */
  scratch(t: ValType): number {
    this.vars.push(t);
    return this.params.length + this.vars.length - 1;
  }

  /** `f(get)` with `value` held in a scratch local, as one expression. */
  withTemp(value: Ex, t: ValType, f: (get: () => Ex) => Ex): Ex {
    const l = this.scratch(t);
    const get = () => this.mod.get(l, t);
    return this.mod.block(null, [this.mod.set(l, value), f(get)]);
  }
}

export function wasmType(t: IrType): ValType {
  return reprOf(t);
}
