// Events and typed errors (docs/abi.md).
//
// emit E(a, b, …)  →  log(data, topic0, topics…)
//   topic0   the chain hash of the event name: a constant for the crypto
//            the module is built for;
//   indexed  integers, bool, enums: 32 bytes big-endian, sign-extended;
//            bytesN: the value itself (left-aligned, zero-padded);
//            string, bytes, address: chain hash of the raw bytes;
//            arrays, structs, tuples: chain hash of their SCALE encoding;
//   data     SCALE of the non-indexed fields, in order.
// Arguments are evaluated once, left to right, before anything is built.
//
// Typed error E(a, b) → revert data selector(E(types…)) ‖ SCALE(a, b).
import type * as ast from "../syntax/ast.ts";
import type { ErrorInfo, EventInfo, Type } from "../types/model.ts";
import { eventTopic, selectorBytes } from "../abi/selector.ts";
import type { FnCx } from "./context.ts";
import type { Expr, HashAlgo, Stmt } from "./ir.ts";
import { U8 } from "./ir.ts";
import { hold } from "./build.ts";
import { intTy, irType } from "./types.ts";
import { lowerExpr } from "./expressions.ts";
import { encodeAll } from "./calls.ts";

export function errorData(fx: FnCx, error: ErrorInfo, args: ast.Expr[]): Expr {
  return encodeAll(
    fx,
    args.map((a, i) => ({ t: irType(error.fields[i]!.type), v: lowerExpr(fx, a) })),
    selectorBytes(error.signature, fx.mod.crypto),
  );
}

export function lowerEmit(fx: FnCx, s: ast.EmitStmt, out: Stmt[]): void {
  const ev: EventInfo | undefined = fx.program.emits.get(s);
  if (!ev) throw new Error(`internal: unresolved event at ${s.span.file}:${s.span.start}`);
  const values = s.args.map((a, i) => hold(fx, lowerExpr(fx, a), irType(ev.fields[i]!.type), out, "ev"));
  const topics: Expr[] = [{ k: "constWord", value: eventTopic(ev.name, fx.mod.crypto) }];
  ev.fields.forEach((f, i) => {
    if (f.indexed) topics.push(topicOf(fx, f.type, values[i]!));
  });
  const data = encodeAll(
    fx,
    ev.fields.flatMap((f, i) => (f.indexed ? [] : [{ t: irType(f.type), v: values[i]! }])),
  );
  out.push({ k: "log", data, topics });
}

function topicOf(fx: FnCx, t: Type, v: Expr): Expr {
  const algo: HashAlgo = fx.mod.crypto === "sm" ? "sm3" : "keccak256";
  switch (t.kind) {
    case "int":
      return { k: "intToFixed", from: intTy(t), size: 32, a: v };
    case "bool":
    case "enum":
      return { k: "intToFixed", from: U8, size: 32, a: v };
    case "bytesN":
      return v;
    case "string":
    case "bytes":
    case "address":
    case "interface":
      return { k: "hash", algo, a: v };
    default:
      return { k: "hash", algo, a: encodeAll(fx, [{ t: irType(t), v }]) };
  }
}
