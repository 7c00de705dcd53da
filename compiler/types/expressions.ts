// Expressions, checked bidirectionally: `infer(e)` computes a type from the
// expression alone; `check(e, expected)` pushes an expected type down (integer
// literals, tuple and array literals take it) and reports a mismatch. Every
// expression checked gets its `types` entry; names their `refs` entry.
// Never throws, and the error type never causes a second report.
import type * as ast from "../syntax/ast.ts";
import { typeToString, type Ref, type Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { BOOL, BYTES, ENV_TYPES, ERROR, STRING, U256, UNIT, compatible, isError, isInt, isUnit, q } from "./type-utils.ts";
import { checkUntypedInt, isUntypedInt } from "./literals.ts";
import { checkUnary, checkBinary } from "./operators.ts";
import { checkCast } from "./casts.ts";
import { checkMember, checkIndex } from "./members.ts";
import { checkCall } from "./calls.ts";
import { checkConstDecl } from "./consts.ts";
import { readLocal } from "./locals.ts";
import { mapInside } from "../resolve/index.ts";
import { closestMatch as closest } from "../diagnostics/index.ts";

/** The type of `e` without expectations (untyped integers become u256). */
export function infer(cx: Checker, e: ast.Expr): Type {
  return record(cx, e, inferInner(cx, e, null));
}

/**
 * Checks `e` against `expected`, reporting E0300 on a mismatch. Returns the
 * type `e` actually has.
 */
export function check(cx: Checker, e: ast.Expr, expected: Type): Type {
  const t = record(cx, e, inferInner(cx, e, expected));
  if (!compatible(t, expected)) reportMismatch(cx, e, expected, t);
  return t;
}

/** `infer` with a hint that is not enforced (used where several types are acceptable). */
export function inferWithHint(cx: Checker, e: ast.Expr, hint: Type | null): Type {
  return record(cx, e, inferInner(cx, e, hint));
}

export function reportMismatch(cx: Checker, e: ast.Expr, expected: Type, found: Type): void {
  const help = mismatchHelp(e, expected, found);
  cx.report("E0300", e.span, `expected ${q(expected)}, found ${describeFound(e, found)}`, {
    label: `expected ${q(expected)}`,
    help: help ?? [],
  });
}

function describeFound(e: ast.Expr, found: Type): string {
  if (isUntypedInt(e)) return "an integer";
  return q(found);
}

function mismatchHelp(e: ast.Expr, expected: Type, found: Type): string | null {
  if (isInt(expected) && isInt(found)) return `convert explicitly: \`… as ${typeToString(expected)}\` (or \`truncate<${typeToString(expected)}>(…)\` to wrap)`;
  if (expected.kind === "address" && found.kind === "string") return "convert explicitly: `… as address`";
  if (expected.kind === "bytes" && found.kind === "string") return "convert explicitly: `… as bytes`";
  if (expected.kind === "string" && (found.kind === "bytes" || found.kind === "address")) return "convert explicitly: `… as string`";
  if (expected.kind === "bool" && isInt(found) && !isUntypedInt(e)) return "compare explicitly, e.g. `x != 0`";
  if (expected.kind === "bytesN" && e.kind === "BytesLit")
    return `a hex literal is a \`bytes${expected.size}\` when it has exactly ${expected.size} bytes; this one has ${e.value.length}`;
  return null;
}

function record(cx: Checker, e: ast.Expr, t: Type): Type {
  if (!cx.program.types.has(e)) cx.program.types.set(e, t);
  return t;
}

function inferInner(cx: Checker, e: ast.Expr, expected: Type | null): Type {
  if (isUntypedInt(e)) return checkUntypedInt(cx, e, expected && isInt(expected) ? expected : U256);
  const p = cx.program;
  switch (e.kind) {
    case "IntLit": // handled above; kept for exhaustiveness
      return U256;
    case "BoolLit":
      p.constValues.set(e, { kind: "bool", value: e.value });
      return BOOL;
    case "StringLit":
      p.constValues.set(e, { kind: "string", value: e.value });
      return STRING;
    case "BytesLit":
      p.constValues.set(e, { kind: "bytes", value: e.value });
      // A bytes literal of exactly N bytes may be a `bytesN`, like an integer literal takes its type.
      if (expected?.kind === "bytesN" && expected.size === e.value.length) return expected;
      return BYTES;
    case "Name":
    case "Path":
      return checkName(cx, e);
    case "Self":
      cx.report("E0322", e.span, "`self` is not a value", {
        help: "use `self.address` for this contract's address, or `self.name` for a state variable",
      });
      return ERROR;
    case "Member":
      return checkMember(cx, e);
    case "Index":
      return checkIndex(cx, e);
    case "Call":
      return checkCall(cx, e, expected);
    case "StructLit":
      return checkStructLit(cx, e);
    case "Cast":
      return checkCast(cx, e);
    case "Unary":
      return checkUnary(cx, e, expected);
    case "Binary":
      return checkBinary(cx, e, expected);
    case "Tuple":
      return checkTuple(cx, e, expected);
    case "ArrayLit":
      return checkArrayLit(cx, e, expected);
    case "ErrorExpr":
      return ERROR;
  }
}

// ---------------------------------------------------------------- names


function setRef(cx: Checker, e: ast.Expr, ref: Ref): void {
  cx.program.refs.set(e, ref);
}

/** A plain name or a path in a value position. */
export function checkName(cx: Checker, e: ast.NameExpr | ast.PathExpr): Type {
  const r = cx.resolved.names.get(e);
  if (!r || r.kind === "unresolved") {
    setRef(cx, e, { kind: "error" });
    return ERROR;
  }
  switch (r.kind) {
    case "local":
      setRef(cx, e, { kind: "local", local: r.local });
      readLocal(cx, r.local, e.span);
      return r.local.type;
    case "const": {
      setRef(cx, e, { kind: "const", info: r.info });
      checkConstDecl(cx, r.info, e.span);
      if (cx.constState.get(r.info) === "done" && !isError(r.info.type)) cx.program.constValues.set(e, r.info.value);
      return r.info.type;
    }
    case "state":
      // already reported by resolve (a state variable needs `self.`); type it to avoid cascades
      setRef(cx, e, { kind: "state", state: r.info });
      return r.info.type;
    case "enumVariant":
      setRef(cx, e, { kind: "enumVariant", info: r.info, index: r.index });
      return { kind: "enum", info: r.info };
    case "env":
      setRef(cx, e, { kind: "env", name: r.name });
      return ENV_TYPES[r.name];
    default: {
      const name = e.kind === "Name" ? e.name.name : e.segments.map((s) => s.name).join("::");
      setRef(cx, e, { kind: "decl", name });
      reportNotAValue(cx, e, r.kind);
      return ERROR;
    }
  }
}

export function reportNotAValue(cx: Checker, e: ast.Expr, kind: string): void {
  const text: Record<string, [string, string]> = {
    fn: ["a function", "call it: `f(…)`"],
    builtin: ["a built-in function", "call it"],
    abi: ["a built-in function", "call it: `abi.encode(…)` / `abi.decode<T>(…)`"],
    envRoot: ["a built-in namespace", "use one of its members, e.g. `msg.sender`, `block.number`"],
    struct: ["a struct", "build a value with a struct literal: `Name { field: value }`"],
    enum: ["an enum", "name a variant: `Enum::Variant`"],
    event: ["an event", "emit it: `emit Name(…);`"],
    error: ["an error", "raise it: `revert Name(…);` or `require(cond, Name(…))`"],
    interface: ["an interface", "view an address through it: `Name(addr)`"],
    contract: ["a contract", "view an address as this contract: `Name(addr)`"],
  };
  const [what, help] = text[kind] ?? ["not a value", ""];
  cx.report("E0322", e.span, `expected a value, found ${what}`, { label: "not a value", help: help || [] });
}

// ---------------------------------------------------------------- literals

function checkTuple(cx: Checker, e: ast.TupleExpr, expected: Type | null): Type {
  if (e.elems.length === 0) return UNIT;
  const hints = expected?.kind === "tuple" && expected.elems.length === e.elems.length ? expected.elems : null;
  const elems = e.elems.map((x, i) => (hints ? inferWithHint(cx, x, hints[i]!) : infer(cx, x)));
  for (let i = 0; i < elems.length; i++) if (isUnit(elems[i]!)) cx.report("E0300", e.elems[i]!.span, "a tuple element cannot be `()`");
  return { kind: "tuple", elems };
}

function checkArrayLit(cx: Checker, e: ast.ArrayLit, expected: Type | null): Type {
  if (expected?.kind === "array") {
    for (const x of e.elems) check(cx, x, expected.elem);
    if (expected.size !== null && expected.size !== e.elems.length) {
      cx.report("E0326", e.span, `expected an array of ${expected.size} elements, found ${e.elems.length}`, {
        label: `${e.elems.length} elements`,
        help: `the type ${q(expected)} has exactly ${expected.size} elements`,
      });
    }
    return expected;
  }
  if (e.elems.length === 0) {
    cx.report("E0325", e.span, "cannot infer the element type of an empty array", {
      help: "annotate the binding, e.g. `let a: u256[] = [];`",
    });
    return ERROR;
  }
  // The first element with a type of its own decides; untyped integers follow it.
  const typed = e.elems.find((x) => !isUntypedInt(x));
  const elem = typed ? infer(cx, typed) : U256;
  for (const x of e.elems) if (x !== typed) check(cx, x, elem);
  if (isError(elem)) return ERROR;
  return { kind: "array", elem, size: e.elems.length };
}

function checkStructLit(cx: Checker, e: ast.StructLit): Type {
  const r = cx.resolved.names.get(e);
  if (!r || r.kind !== "struct") {
    if (r && r.kind !== "unresolved")
      cx.report("E0322", e.name.span, `\`${e.name.name}\` is not a struct`, { help: "struct literals are written `StructName { field: value, … }`" });
    for (const f of e.fields) infer(cx, f.value);
    return ERROR;
  }
  const info = r.info;
  const t: Type = { kind: "struct", info };
  const why = mapInside(t);
  if (why) {
    cx.report("E0311", e.span, `a value of \`${info.name}\` cannot be built in memory`, {
      label: why,
      help: "a struct with a map lives only in storage; assign its other fields one by one (`self.s.f = …`)",
    });
    for (const f of e.fields) infer(cx, f.value);
    return ERROR;
  }
  const given = new Map<string, ast.Ident>();
  for (const f of e.fields) {
    const index = info.fields.findIndex((x) => x.name === f.name.name);
    const first = given.get(f.name.name);
    if (first) {
      cx.report("E0318", f.name.span, `the field \`${f.name.name}\` is given twice`, {
        secondary: [{ span: first.span, message: "first given here" }],
      });
    }
    given.set(f.name.name, f.name);
    if (index < 0) {
      reportUnknownField(cx, f.name, t, info.fields.map((x) => x.name));
      infer(cx, f.value);
      continue;
    }
    check(cx, f.value, info.fields[index]!.type);
  }
  const missing = info.fields.filter((f) => !given.has(f.name)).map((f) => `\`${f.name}\``);
  if (missing.length > 0)
    cx.report("E0317", e.name.span, `missing field${missing.length > 1 ? "s" : ""} ${missing.join(", ")} in the literal of \`${info.name}\``, {
      secondary: [{ span: info.decl.name.span, message: `struct \`${info.name}\` declared here` }],
      help: "every field must be given a value",
    });
  return t;
}

export function reportUnknownField(cx: Checker, name: ast.Ident, t: Type, fields: string[]): void {
  cx.report("E0307", name.span, `${q(t)} has no field \`${name.name}\``, {
    label: "unknown field",
    ...fieldSuggestion(name, fields),
  });
}

/** "did you mean" help plus a fix for a misspelled field or member. */
export function fieldSuggestion(name: ast.Ident, candidates: string[]): { help: string[]; fixes: { title: string; span: ast.Span; replacement: string }[] } {
  const guess = closest(name.name, candidates);
  if (!guess) return { help: candidates.length ? [`available: ${candidates.map((c) => `\`${c}\``).join(", ")}`] : [], fixes: [] };
  return { help: [`did you mean \`${guess}\`?`], fixes: [{ title: `replace with \`${guess}\``, span: name.span, replacement: guess }] };
}
