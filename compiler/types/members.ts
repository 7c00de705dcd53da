// Member access and indexing: `self.x` (state), `msg.sender` and friends,
// struct fields, `.length` of arrays, bytes and strings; `m[k]` on maps
// (a missing key reads as the zero value), `a[i]` on arrays, `b[i]` on bytes
// (a u8, read only). Storage is reached only through `self`.
import type * as ast from "../syntax/ast.ts";
import type { Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { ENV_TYPES, ERROR, U32, U8, isError, isInt, isUnsigned, q } from "./type-utils.ts";
import { check, fieldSuggestion, infer, inferWithHint, reportNotAValue, reportUnknownField } from "./expressions.ts";
import { isUntypedInt } from "./literals.ts";


export function checkMember(cx: Checker, e: ast.MemberExpr): Type {
  const r = cx.resolved.names.get(e);
  if (r) {
    // `self.x`, `msg.sender`, `abi.encode`, …: resolved by name
    switch (r.kind) {
      case "state":
        cx.program.refs.set(e, { kind: "state", state: r.info });
        return r.info.type;
      case "env":
        cx.program.refs.set(e, { kind: "env", name: r.name });
        return ENV_TYPES[r.name];
      case "unresolved":
        cx.program.refs.set(e, { kind: "error" });
        return ERROR;
      default:
        cx.program.refs.set(e, { kind: "decl", name: r.kind === "fn" ? r.info.name : r.kind === "abi" ? r.name : e.member.name });
        reportNotAValue(cx, e, r.kind);
        return ERROR;
    }
  }
  const t = infer(cx, e.object);
  const name = e.member.name;
  switch (t.kind) {
    case "error":
      cx.program.refs.set(e, { kind: "error" });
      return ERROR;
    case "struct": {
      const index = t.info.fields.findIndex((f) => f.name === name);
      if (index < 0) {
        reportUnknownField(cx, e.member, t, t.info.fields.map((f) => f.name));
        cx.program.refs.set(e, { kind: "error" });
        return ERROR;
      }
      cx.program.refs.set(e, { kind: "field", struct: t.info, index });
      return t.info.fields[index]!.type;
    }
    case "array":
    case "bytes":
    case "string":
      if (name === "length") {
        cx.program.refs.set(e, { kind: "length" });
        return U32;
      }
      break;
  }
  cx.program.refs.set(e, { kind: "error" });
  const methods = methodsOf(t);
  if (methods.includes(name)) {
    cx.report("E0307", e.member.span, `\`${name}\` is a method of ${q(t)} and must be called`, { help: `call it: \`….${name}(…)\`` });
    return ERROR;
  }
  const members = [...(t.kind === "array" || t.kind === "bytes" || t.kind === "string" ? ["length"] : []), ...methods];
  cx.report("E0307", e.member.span, `${q(t)} has no member \`${name}\``, {
    label: "unknown member",
    ...(members.length ? fieldSuggestion(e.member, members) : { help: memberHelp(t), fixes: [] }),
  });
  return ERROR;
}

/** The methods a type has (for messages). */
export function methodsOf(t: Type): string[] {
  switch (t.kind) {
    case "map":
      return ["contains", "remove"];
    case "array":
      return t.size === null ? ["push", "pop"] : [];
    case "bytes":
    case "string":
      return ["slice"];
    case "interface":
      return t.info.fns.map((f) => f.name);
    default:
      return [];
  }
}

function memberHelp(t: Type): string[] {
  if (t.kind === "tuple") return ["destructure a tuple: `let (a, b) = …;`"];
  if (t.kind === "enum") return ["enum values have no members; compare them with `==`"];
  return [];
}

export function checkIndex(cx: Checker, e: ast.IndexExpr): Type {
  const t = infer(cx, e.object);
  switch (t.kind) {
    case "error":
      infer(cx, e.index);
      return ERROR;
    case "map":
      check(cx, e.index, t.key);
      return t.value;
    case "array":
      checkIndexValue(cx, e.index, t.size);
      return t.elem;
    case "bytes":
      checkIndexValue(cx, e.index, null);
      return U8;
    default:
      infer(cx, e.index);
      cx.report("E0308", e.span, `${q(t)} cannot be indexed`, {
        label: "not a map, array or bytes",
        help: t.kind === "string" ? "convert to bytes first: `(s as bytes)[i]`" : "indexing applies to maps, arrays and bytes",
      });
      return ERROR;
  }
}

/** An array or bytes index: any unsigned integer (untyped: u32); a constant index must be in bounds. */
function checkIndexValue(cx: Checker, index: ast.Expr, size: number | null): void {
  const t = isUntypedInt(index) ? inferWithHint(cx, index, U32) : infer(cx, index);
  if (isError(t)) return;
  if (!isUnsigned(t)) {
    cx.report("E0300", index.span, `an index must be an unsigned integer, found ${q(t)}`, {
      label: "not an unsigned integer",
      help: isInt(t) ? "convert it: `i as u32`" : [],
    });
    return;
  }
  const v = cx.program.constValues.get(index);
  if (size !== null && v?.kind === "int" && v.value >= BigInt(size))
    cx.report("E0327", index.span, `index ${v.value} is out of bounds for an array of ${size} elements`, { label: "out of bounds" });
}

/** Whether `e` denotes a place in storage: `self.x`, and fields and elements of it. */
export function isStoragePath(cx: Checker, e: ast.Expr): boolean {
  if (e.kind === "Member") {
    const ref = cx.program.refs.get(e);
    if (ref?.kind === "state") return true;
    if (ref?.kind === "field") return isStoragePath(cx, e.object);
    return false;
  }
  if (e.kind === "Index") return isStoragePath(cx, e.object);
  return false;
}
