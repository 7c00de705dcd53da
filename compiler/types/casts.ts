// `x as T`. Allowed conversions (anything else is an error):
//   int → int          any widths and signs; a value that does not fit reverts (Panic 0x11)
//   enum → int         the variant index
//   int → enum         reverts when no variant has that index (Panic 0x21)
//   string ↔ bytes     the UTF-8 bytes, unchanged
//   string → address   the text is the address (no check)
//   address → string
//   bytesN ↔ uint(8N)  big-endian, e.g. bytes32 ↔ u256, bytes4 ↔ u32
//   bytes → bytesN     reverts when the length is not N
//   bytesN → bytes
//   T → T              no-op
// An untyped integer operand takes the integer type the conversion starts from
// (the target for int → int, u8 for → enum, uint(8N) for → bytesN).
import type * as ast from "../syntax/ast.ts";
import { sameType, typeToString, type Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { ERROR, U8, isError, isInt, q, uint } from "./type-utils.ts";
import { infer, inferWithHint } from "./expressions.ts";
import { isUntypedInt } from "./literals.ts";
import { foldIntCast } from "./folding.ts";

export function checkCast(cx: Checker, e: ast.CastExpr): Type {
  const to = cx.program.typeExprs.get(e.type) ?? ERROR;
  const from = isUntypedInt(e.expr) ? inferWithHint(cx, e.expr, untypedSource(to)) : infer(cx, e.expr);
  if (isError(from) || isError(to)) return to;
  if (!castAllowed(from, to)) {
    cx.report("E0304", e.span, `cannot convert ${q(from)} to ${q(to)}`, {
      label: "invalid conversion",
      help: castHelp(from, to),
    });
    return to;
  }
  if (isInt(from) && isInt(to)) foldIntCast(cx, e, e.expr, to);
  return to;
}

function untypedSource(to: Type): Type {
  if (isInt(to)) return to;
  if (to.kind === "enum") return U8;
  if (to.kind === "bytesN") return uint(to.size * 8);
  return { kind: "int", bits: 256, signed: false };
}

export function castAllowed(from: Type, to: Type): boolean {
  if (sameType(from, to)) return true;
  switch (from.kind) {
    case "int":
      return to.kind === "int" || to.kind === "enum" || (to.kind === "bytesN" && !from.signed && from.bits === to.size * 8);
    case "enum":
      return to.kind === "int";
    case "string":
      return to.kind === "bytes" || to.kind === "address";
    case "address":
      return to.kind === "string";
    case "bytes":
      return to.kind === "string" || to.kind === "bytesN";
    case "bytesN":
      return to.kind === "bytes" || (to.kind === "int" && !to.signed && to.bits === from.size * 8);
    default:
      return false;
  }
}

function castHelp(from: Type, to: Type): string | string[] {
  if (from.kind === "bool" && isInt(to)) return "there is no conversion from `bool`; choose the number with `if`";
  if (isInt(from) && to.kind === "bool") return "compare instead: `x != 0`";
  if (isInt(from) && to.kind === "bytesN")
    return `\`bytes${to.size}\` converts from \`u${to.size * 8}\` only; convert the width first: \`(x as u${to.size * 8}) as bytes${to.size}\``;
  if (from.kind === "bytesN" && isInt(to))
    return `\`bytes${from.size}\` converts to \`u${from.size * 8}\` only; convert the width afterwards: \`(b as u${from.size * 8}) as ${typeToString(to)}\``;
  if (from.kind === "bytesN" && to.kind === "bytesN") return "convert through `bytes`: `(b as bytes) as bytesM` (checked length)";
  if (from.kind === "address" && to.kind === "bytes") return "convert through `string`: `(a as string) as bytes`";
  if (from.kind === "interface" && to.kind === "address") return "an interface value is built from an address; keep the address in a variable";
  return "allowed conversions: between integers, enum ↔ integer, string ↔ bytes, string ↔ address, bytesN ↔ uint(8N), bytes ↔ bytesN";
}
