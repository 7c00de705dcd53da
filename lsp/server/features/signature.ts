// textDocument/signatureHelp: inside a call's parentheses, the callee's
// signature with the active parameter. The open `(` and the comma count come
// from the tokens before the cursor (so commas inside nested parentheses and
// strings do not count, and the call need not parse yet); the callee is
// read from the tokens before the `(`: `f(`, `self.f(`, `I(a).f(`, `emit E(`,
// `revert E(` / `require(c, E(`, methods (`m.contains(`), built-ins.
import type { ParameterInformation, SignatureHelp, SignatureHelpParams, SignatureInformation } from "vscode-languageserver";
import { typeToString, type FnInfo, type Type } from "../../../compiler/types/model.ts";
import type { Snapshot } from "../snapshot.ts";
import { cursorAt, type Cursor } from "./scope-cursor.ts";
import type { Frame } from "./scope-tokens.ts";
import { membersOf, receiverBefore } from "./scope-types.ts";

interface Param {
  name: string;
  type: string;
}

interface Sig {
  name: string;
  params: Param[];
  /** ` -> T` or "". */
  returns: string;
  docs: string | null;
  /** The last parameter repeats (`abi.encode`). */
  variadic?: boolean;
}

const BUILTINS: Record<string, Sig> = {
  require: { name: "require", params: [{ name: "condition", type: "bool" }, { name: "message", type: 'string | E(…)' }], returns: "", docs: "Reverts with the message or the error when the condition is false." },
  assert: { name: "assert", params: [{ name: "condition", type: "bool" }], returns: "", docs: "Reverts when the condition is false." },
  hash: { name: "hash", params: [{ name: "data", type: "bytes | string" }], returns: " -> bytes32", docs: "The chain's hash: keccak-256, or SM3 on an SM chain." },
  keccak256: { name: "keccak256", params: [{ name: "data", type: "bytes | string" }], returns: " -> bytes32", docs: "Keccak-256." },
  sm3: { name: "sm3", params: [{ name: "data", type: "bytes | string" }], returns: " -> bytes32", docs: "SM3." },
  sha256: { name: "sha256", params: [{ name: "data", type: "bytes | string" }], returns: " -> bytes32", docs: "SHA-256." },
  truncate: { name: "truncate<T>", params: [{ name: "x", type: "integer" }], returns: " -> T", docs: "Converts an integer to T keeping the low bits (wraps)." },
  "abi.encode": { name: "abi.encode", params: [{ name: "values", type: "…" }], returns: " -> bytes", docs: "ABI-encodes the values.", variadic: true },
  "abi.decode": { name: "abi.decode<T>", params: [{ name: "data", type: "bytes" }], returns: " -> T", docs: "Decodes ABI-encoded bytes as a value of type T." },
};

export function signatureHelp(snapshot: Snapshot, params: SignatureHelpParams): SignatureHelp | null {
  const c = cursorAt(snapshot, params.textDocument.uri, params.position);
  if (!c || c.ctx.inert) return null;
  const frame = callFrame(c);
  if (!frame) return null;
  const sig = signatureOf(c, frame.open);
  if (!sig) return null;
  const active = sig.variadic ? Math.min(frame.commas, sig.params.length - 1) : frame.commas;
  return { signatures: [toInformation(sig, active)], activeSignature: 0, activeParameter: active };
}

/** The innermost open call, looking through brackets and parentheses inside its arguments. */
function callFrame(c: Cursor): Frame | null {
  for (let i = c.ctx.frames.length - 1; i >= 0; i--) {
    const f = c.ctx.frames[i]!;
    if (f.kind === "call") return f;
    if (f.kind !== "group" && f.kind !== "index" && f.kind !== "typeArgs") return null;
  }
  return null;
}

function signatureOf(c: Cursor, open: number): Sig | null {
  const toks = c.ctx.tokens;
  let k = open - 1;
  // `truncate<u8>(`, `abi.decode<T>(`: skip the type arguments.
  if (toks[k]?.type === "Gt" || toks[k]?.type === "Shr") {
    let depth = 0;
    for (; k >= 0; k--) {
      const t = toks[k]!.type;
      if (t === "Gt") depth++;
      else if (t === "Shr") depth += 2;
      else if (t === "Lt" && --depth <= 0) break;
    }
    k--;
  }
  const callee = toks[k];
  if (!callee || callee.type !== "Identifier") return null;
  const name = callee.text;
  const before = toks[k - 1];
  if (before?.type === "Emit") {
    const ev = c.symbols.find((s) => s.kind === "event" && s.name === name);
    return ev?.kind === "event" ? fieldsSig(name, ev.info.fields, ev.info.decl.docs) : null;
  }
  if (before?.type === "Dot") {
    const r = receiverBefore(toks, k - 1, c.env);
    if (!r) return null;
    if (r.kind === "env") return r.root === "abi" ? (BUILTINS[`abi.${name}`] ?? null) : null;
    const m = membersOf(r, c.contract, typeToString).find((x) => x.name === name);
    if (!m) return null;
    if (m.fn) return fnSig(m.fn);
    if (m.kind === "method") return methodSig(name, m.detail, m.docs);
    return null;
  }
  if (BUILTINS[name] && !c.locals.has(name)) return BUILTINS[name]!;
  const fn = c.contract?.fns.find((f) => f.name === name);
  if (fn) return fnSig(fn);
  const s = c.symbols.find((x) => x.name === name);
  if (s?.kind === "error") return fieldsSig(name, s.info.fields, s.info.decl.docs);
  if (s?.kind === "event") return fieldsSig(name, s.info.fields, s.info.decl.docs);
  if (s?.kind === "interface" || s?.kind === "contract") return { name, params: [{ name: "at", type: "address" }], returns: ` -> ${name}`, docs: s.info.decl.docs };
  return null;
}

function fnSig(f: FnInfo): Sig {
  const ret = f.returns.kind === "tuple" && f.returns.elems.length === 0 ? "" : ` -> ${typeToString(f.returns)}`;
  return { name: f.name, params: f.params.map((p) => ({ name: p.name, type: typeToString(p.type) })), returns: ret, docs: f.decl.docs };
}

function fieldsSig(name: string, fields: { name: string; type: Type; indexed?: boolean }[], docs: string | null): Sig {
  return { name, params: fields.map((f) => ({ name: f.name, type: (f.indexed ? "indexed " : "") + typeToString(f.type) })), returns: "", docs };
}

/** A method's signature from its detail text `contains(key: address) -> bool`. */
function methodSig(name: string, detail: string, docs: string | null): Sig {
  const m = /^[^(]*\((.*)\)(.*)$/.exec(detail);
  const params = m && m[1] ? m[1].split(", ").map((p) => {
    const [n, t] = p.split(": ");
    return { name: n!, type: t ?? "" };
  }) : [];
  return { name, params, returns: m?.[2] ?? "", docs };
}

function toInformation(sig: Sig, active: number): SignatureInformation {
  let label = `${sig.name}(`;
  const parameters: ParameterInformation[] = [];
  sig.params.forEach((p, i) => {
    if (i > 0) label += ", ";
    const text = `${p.name}: ${p.type}`;
    parameters.push({ label: [label.length, label.length + text.length] });
    label += text;
  });
  label += `)${sig.returns}`;
  return {
    label,
    parameters,
    activeParameter: active,
    ...(sig.docs ? { documentation: { kind: "markdown", value: sig.docs } } : {}),
  };
}
