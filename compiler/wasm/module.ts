// A small typed wrapper over binaryen.Module (in the spirit of
// AssemblyScript's src/module.ts): the code generator handles `Ex` values
// (branded expression references) and `ValType` names, never raw numbers,
// and only the MVP integer subset is reachable from here.
import binaryen from "binaryen";

declare const exBrand: unique symbol;
/** A binaryen expression reference owned by one WasmModule. */
export type Ex = number & { readonly [exBrand]: true };

export type ValType = "i32" | "i64";
export type ResultType = ValType | "none";

/** binaryen.js has `Function.setLocalName` at run time; its typings omit it. */
const fnApi = (binaryen as unknown as { Function: { setLocalName(fn: binaryen.FunctionRef, index: number, name: string): void } }).Function;

function bt(t: ResultType): binaryen.Type {
  return t === "i32" ? binaryen.i32 : t === "i64" ? binaryen.i64 : binaryen.none;
}

type Bin = (a: number, b: number) => number;
type Un = (a: number) => number;

/** The binary and unary operators of one integer width. */
export interface IntOps {
  add(a: Ex, b: Ex): Ex;
  sub(a: Ex, b: Ex): Ex;
  mul(a: Ex, b: Ex): Ex;
  divS(a: Ex, b: Ex): Ex;
  divU(a: Ex, b: Ex): Ex;
  and(a: Ex, b: Ex): Ex;
  or(a: Ex, b: Ex): Ex;
  xor(a: Ex, b: Ex): Ex;
  shl(a: Ex, b: Ex): Ex;
  shrS(a: Ex, b: Ex): Ex;
  shrU(a: Ex, b: Ex): Ex;
  eq(a: Ex, b: Ex): Ex;
  ne(a: Ex, b: Ex): Ex;
  ltS(a: Ex, b: Ex): Ex;
  ltU(a: Ex, b: Ex): Ex;
  leS(a: Ex, b: Ex): Ex;
  leU(a: Ex, b: Ex): Ex;
  gtS(a: Ex, b: Ex): Ex;
  gtU(a: Ex, b: Ex): Ex;
  geS(a: Ex, b: Ex): Ex;
  geU(a: Ex, b: Ex): Ex;
  eqz(a: Ex): Ex;
  load(ptr: Ex, offset?: number): Ex;
  store(ptr: Ex, value: Ex, offset?: number): Ex;
}

function intOps(ns: Record<string, unknown>, align: number): IntOps {
  const b = (name: string) => (ns[name] as Bin).bind(ns) as unknown as (a: Ex, b: Ex) => Ex;
  const u = (name: string) => (ns[name] as Un).bind(ns) as unknown as (a: Ex) => Ex;
  const load = (ns.load as (o: number, al: number, p: number) => number).bind(ns);
  const store = (ns.store as (o: number, al: number, p: number, v: number) => number).bind(ns);
  return {
    add: b("add"),
    sub: b("sub"),
    mul: b("mul"),
    divS: b("div_s"),
    divU: b("div_u"),
    and: b("and"),
    or: b("or"),
    xor: b("xor"),
    shl: b("shl"),
    shrS: b("shr_s"),
    shrU: b("shr_u"),
    eq: b("eq"),
    ne: b("ne"),
    ltS: b("lt_s"),
    ltU: b("lt_u"),
    leS: b("le_s"),
    leU: b("le_u"),
    gtS: b("gt_s"),
    gtU: b("gt_u"),
    geS: b("ge_s"),
    geU: b("ge_u"),
    eqz: u("eqz"),
    load: (ptr, offset = 0) => load(offset, align, ptr) as Ex,
    store: (ptr, value, offset = 0) => store(offset, align, ptr, value) as Ex,
  };
}

export class WasmModule {
  readonly i32: IntOps;
  readonly i64: IntOps;

  constructor(readonly raw: binaryen.Module) {
    this.i32 = intOps(raw.i32 as unknown as Record<string, unknown>, 4);
    this.i64 = intOps(raw.i64 as unknown as Record<string, unknown>, 8);
  }

  // ---- constants
  c32(v: number): Ex {
    return this.raw.i32.const(v | 0) as Ex;
  }
  c64(v: bigint): Ex {
    return this.raw.i64.const(BigInt.asIntN(64, v)) as Ex;
  }

  // ---- conversions and byte access (MVP only: no sign-extension opcodes)
  wrap(a: Ex): Ex {
    return this.raw.i32.wrap(a) as Ex;
  }
  extendS(a: Ex): Ex {
    return this.raw.i64.extend_s(a) as Ex;
  }
  extendU(a: Ex): Ex {
    return this.raw.i64.extend_u(a) as Ex;
  }
  load8u(ptr: Ex, offset = 0): Ex {
    return this.raw.i32.load8_u(offset, 1, ptr) as Ex;
  }
  store8(ptr: Ex, value: Ex, offset = 0): Ex {
    return this.raw.i32.store8(offset, 1, ptr, value) as Ex;
  }

  // ---- locals and globals
  get(index: number, t: ValType): Ex {
    return this.raw.local.get(index, bt(t)) as Ex;
  }
  set(index: number, value: Ex): Ex {
    return this.raw.local.set(index, value) as Ex;
  }
  tee(index: number, value: Ex, t: ValType): Ex {
    return this.raw.local.tee(index, value, bt(t)) as Ex;
  }
  globalGet(name: string, t: ValType): Ex {
    return this.raw.global.get(name, bt(t)) as Ex;
  }

  // ---- control
  block(label: string | null, children: Ex[], t?: ResultType): Ex {
    return this.raw.block(label, children, t === undefined ? binaryen.auto : bt(t)) as Ex;
  }
  loop(label: string, body: Ex): Ex {
    return this.raw.loop(label, body) as Ex;
  }
  if(cond: Ex, then: Ex, els?: Ex): Ex {
    return this.raw.if(cond, then, els) as Ex;
  }
  br(label: string, cond?: Ex): Ex {
    return this.raw.br(label, cond) as Ex;
  }
  ret(value?: Ex): Ex {
    return this.raw.return(value) as Ex;
  }
  call(name: string, args: Ex[], result: ResultType): Ex {
    return this.raw.call(name, args, bt(result)) as Ex;
  }
  drop(a: Ex): Ex {
    return this.raw.drop(a) as Ex;
  }
  nop(): Ex {
    return this.raw.nop() as Ex;
  }
  unreachable(): Ex {
    return this.raw.unreachable() as Ex;
  }
  select(cond: Ex, a: Ex, b: Ex): Ex {
    return this.raw.select(cond, a, b) as Ex;
  }

  /** The value type of an expression ("none" for statements and unreachable code). */
  typeOf(e: Ex): ResultType | "unreachable" {
    const t = binaryen.getExpressionType(e);
    if (t === binaryen.i32) return "i32";
    if (t === binaryen.i64) return "i64";
    if (t === binaryen.unreachable) return "unreachable";
    return "none";
  }

  /** Evaluates for effect: drops a value if there is one. */
  stmt(e: Ex): Ex {
    const t = this.typeOf(e);
    return t === "i32" || t === "i64" ? this.drop(e) : e;
  }

  // ---- module items
  /** Adds a function; `localNames` (parameters first) make the text form readable. */
  addFunction(name: string, params: ValType[], result: ResultType, vars: ValType[], body: Ex, localNames: string[] = []): void {
    const ref = this.raw.addFunction(name, binaryen.createType(params.map(bt)), bt(result), vars.map(bt), body);
    const seen = new Set<string>();
    localNames.forEach((n, i) => {
      const unique = seen.has(n) ? `${n}.${i}` : n;
      seen.add(unique);
      fnApi.setLocalName(ref, i, unique);
    });
  }
  /** Declares an imported function, called by `name` in this module. */
  importFunction(name: string, module: string, base: string, params: readonly ValType[], result: ResultType): void {
    this.raw.addFunctionImport(name, module, base, binaryen.createType(params.map(bt)), bt(result));
  }
  hasFunction(name: string): boolean {
    return this.raw.getFunction(name) !== 0;
  }
}
