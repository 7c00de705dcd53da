// The type of the expression before a `.` (or a call's `(`), worked out from
// tokens: the text being typed does not parse, so `self.orders[id].owner.`
// is read backwards into a root (`self`, a local, `msg`, `I(addr)`, …) and
// postfix steps (`.name`, `[…]`, `(…)`), then typed with the declarations of
// the snapshot's typed program. Also: what each type offers after a `.`.
import type * as ast from "../../../compiler/syntax/ast.ts";
import type { FnInfo, LocalInfo, Type, ContractInfo } from "../../../compiler/types/model.ts";
import { ENV_TYPES } from "../../../compiler/types/type-utils.ts";
import type { Tok } from "./scope-tokens.ts";
import type { Sym } from "./scope.ts";

export type EnvRoot = "msg" | "tx" | "block" | "abi";

/** What stands before the `.`. */
export type Receiver = { kind: "self" } | { kind: "env"; root: EnvRoot } | { kind: "type"; type: Type };

export interface TypeEnv {
  locals: Map<string, LocalInfo | ast.Ident>;
  contract: ContractInfo | null;
  symbols: Sym[];
}

type Step = { kind: "member"; name: string } | { kind: "index" } | { kind: "call" };

const PAIRS: Record<string, string> = { RParen: "LParen", RBracket: "LBracket" };

/** Reads the postfix chain ending at tokens[end] (inclusive) backwards; null when it is not one. */
export function chainBefore(tokens: Tok[], end: number): { root: Tok; steps: Step[] } | null {
  const steps: Step[] = [];
  let i = end;
  while (i >= 0) {
    const t = tokens[i]!;
    const opener = PAIRS[t.type];
    if (opener) {
      let depth = 0;
      let k = i;
      for (; k >= 0; k--) {
        const x = tokens[k]!.type;
        if (x === t.type) depth++;
        else if (x === opener && --depth === 0) break;
      }
      if (k < 0) return null;
      steps.unshift(t.type === "RParen" ? { kind: "call" } : { kind: "index" });
      i = k - 1;
      continue;
    }
    if (t.type === "Identifier" || t.type === "Self") {
      if (tokens[i - 1]?.type === "Dot") {
        if (t.type === "Self") return null;
        steps.unshift({ kind: "member", name: t.text });
        i -= 2;
        continue;
      }
      return { root: t, steps };
    }
    return null;
  }
  return null;
}

/** The receiver of a `.` at tokens[dot]. */
export function receiverBefore(tokens: Tok[], dot: number, env: TypeEnv): Receiver | null {
  const chain = chainBefore(tokens, dot - 1);
  if (!chain) return null;
  const { root, steps } = chain;
  let cur: Receiver | null;
  let k = 0;
  if (root.type === "Self") cur = { kind: "self" };
  else if (["msg", "tx", "block", "abi"].includes(root.text) && !env.locals.has(root.text)) cur = { kind: "env", root: root.text as EnvRoot };
  else {
    const t = nameType(root.text, steps[0]?.kind === "call", env);
    if (!t) return null;
    if (steps[0]?.kind === "call") k = 1;
    cur = { kind: "type", type: t };
  }
  for (; k < steps.length && cur; k++) {
    const step = steps[k]!;
    const next = steps[k + 1];
    const called = next?.kind === "call";
    cur = applyStep(cur, step, called, env);
    if (called) k++;
  }
  return cur;
}

/** A plain name's type; `called`: the name is followed by `(…)` (a call, an interface view or a built-in). */
function nameType(name: string, called: boolean, env: TypeEnv): Type | null {
  if (!called) {
    const l = env.locals.get(name);
    if (l) return "type" in l ? l.type : null;
  }
  if (called) {
    if (["hash", "keccak256", "sm3", "sha256"].includes(name)) return { kind: "bytesN", size: 32 };
    const fn = env.contract?.fns.find((f) => f.name === name);
    if (fn) return fn.returns;
  }
  const s = env.symbols.find((x) => x.name === name);
  if (!s) return null;
  if (s.kind === "const") return s.info.type;
  if (called && s.kind === "interface") return { kind: "interface", info: s.info };
  if (called && s.kind === "contract" && s.info.asInterface) return { kind: "interface", info: s.info.asInterface };
  return null;
}

function applyStep(cur: Receiver, step: Step, called: boolean, env: TypeEnv): Receiver | null {
  if (cur.kind === "self") {
    if (step.kind !== "member") return null;
    if (step.name === "address") return { kind: "type", type: ENV_TYPES["self.address"] };
    const c = env.contract;
    if (!c) return null;
    if (called) {
      const fn = c.fns.find((f) => f.name === step.name);
      return fn ? { kind: "type", type: fn.returns } : null;
    }
    const st = c.states.find((s) => s.name === step.name);
    return st ? { kind: "type", type: st.type } : null;
  }
  if (cur.kind === "env") {
    if (step.kind !== "member") return null;
    const t = (ENV_TYPES as Record<string, Type>)[`${cur.root}.${step.name}`];
    if (t) return { kind: "type", type: t };
    return cur.root === "abi" && step.name === "encode" && called ? { kind: "type", type: { kind: "bytes" } } : null;
  }
  const t = cur.type;
  if (step.kind === "index") {
    if (t.kind === "map") return { kind: "type", type: t.value };
    if (t.kind === "array") return { kind: "type", type: t.elem };
    if (t.kind === "bytes") return { kind: "type", type: { kind: "int", bits: 8, signed: false } };
    return null;
  }
  if (step.kind === "call") return null;
  if (called) {
    if (t.kind === "interface") {
      const fn = t.info.fns.find((f) => f.name === step.name);
      return fn ? { kind: "type", type: fn.returns } : null;
    }
    if (t.kind === "map" && step.name === "contains") return { kind: "type", type: { kind: "bool" } };
    if (t.kind === "array" && step.name === "pop") return { kind: "type", type: t.elem };
    if ((t.kind === "bytes" || t.kind === "string") && step.name === "slice") return { kind: "type", type: t };
    return null;
  }
  if (t.kind === "struct") {
    const f = t.info.fields.find((x) => x.name === step.name);
    return f ? { kind: "type", type: f.type } : null;
  }
  if (step.name === "length" && (t.kind === "array" || t.kind === "bytes" || t.kind === "string"))
    return { kind: "type", type: { kind: "int", bits: 32, signed: false } };
  return null;
}

/** A member offered after `.`: a field, a method, a function of an interface or contract, a built-in. */
export interface Member {
  name: string;
  kind: "field" | "method" | "fn" | "state" | "env";
  /** The type (fields, states, env) or the signature (methods, functions). */
  detail: string;
  docs: string | null;
  fn?: FnInfo;
}

const ENV_MEMBERS: Record<EnvRoot, Member[]> = {
  msg: [{ name: "sender", kind: "env", detail: "address", docs: "The account or contract that made this call." }],
  tx: [{ name: "origin", kind: "env", detail: "address", docs: "The account that signed the transaction." }],
  block: [
    { name: "number", kind: "env", detail: "u64", docs: "The number of the block being executed." },
    { name: "timestamp", kind: "env", detail: "u64", docs: "The timestamp of the block being executed." },
  ],
  abi: [
    { name: "encode", kind: "method", detail: "abi.encode(values…) -> bytes", docs: "ABI-encodes the values." },
    { name: "decode", kind: "method", detail: "abi.decode<T>(data: bytes) -> T", docs: "Decodes ABI-encoded bytes as a value of type T." },
  ],
};

export function membersOf(r: Receiver, contract: ContractInfo | null, typeToString: (t: Type) => string): Member[] {
  if (r.kind === "env") return ENV_MEMBERS[r.root];
  if (r.kind === "self") {
    const out: Member[] = [{ name: "address", kind: "env", detail: "address", docs: "This contract's own address." }];
    for (const s of contract?.states ?? []) out.push({ name: s.name, kind: "state", detail: typeToString(s.type), docs: s.decl.docs });
    for (const f of contract?.fns ?? []) out.push({ name: f.name, kind: "fn", detail: fnLabel(f, typeToString), docs: f.decl.docs, fn: f });
    return out;
  }
  const t = r.type;
  const m = (name: string, detail: string, docs: string): Member => ({ name, kind: "method", detail, docs });
  const T = typeToString;
  switch (t.kind) {
    case "struct":
      return t.info.fields.map((f, i) => ({ name: f.name, kind: "field", detail: T(f.type), docs: t.info.decl.fields[i]?.docs ?? null }));
    case "map":
      return [
        m("contains", `contains(key: ${T(t.key)}) -> bool`, "Whether the map holds the key."),
        m("remove", `remove(key: ${T(t.key)})`, "Removes the key (it then reads as the zero value)."),
      ];
    case "array": {
      const out: Member[] = [{ name: "length", kind: "field", detail: "u32", docs: "The number of elements." }];
      if (t.size === null)
        out.push(m("push", `push(value: ${T(t.elem)})`, "Appends an element."), m("pop", `pop() -> ${T(t.elem)}`, "Removes and returns the last element."));
      return out;
    }
    case "bytes":
    case "string":
      return [
        { name: "length", kind: "field", detail: "u32", docs: "The length in bytes." },
        m("slice", `slice(start: u32, end: u32) -> ${t.kind}`, "The bytes in [start, end)."),
      ];
    case "interface":
      return t.info.fns.map((f) => ({ name: f.name, kind: "fn", detail: fnLabel(f, T), docs: f.decl.docs, fn: f }));
    default:
      return [];
  }
}

/** `transfer(to: address, amount: u256) -> bool` */
export function fnLabel(f: FnInfo, typeToString: (t: Type) => string): string {
  const params = f.params.map((p) => `${p.name}: ${typeToString(p.type)}`).join(", ");
  const ret = f.returns.kind === "tuple" && f.returns.elems.length === 0 ? "" : ` -> ${typeToString(f.returns)}`;
  return `${f.isInit ? "init" : f.name}(${params})${ret}`;
}
