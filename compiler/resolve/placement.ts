// Where types may appear. Maps live only in storage: a state variable's type,
// a map's value, or a struct field (such a struct is then itself
// storage-only); never in arrays, tuples, parameters, results, events,
// errors or constants. Map keys are scalar. Constants are integers, bool,
// string, bytes or bytesN. (Locals are checked by the type checker.)
import type * as ast from "../syntax/ast.ts";
import { typeToString, type Type } from "../types/model.ts";
import type { ResolveContext } from "./context.ts";

/** Why a type holds a map (e.g. "struct `Pool` has the map field `shares`"), or null. */
export function mapInside(t: Type, seen: Set<unknown> = new Set()): string | null {
  switch (t.kind) {
    case "map":
      return `\`${typeToString(t)}\` is a map`;
    case "array":
      return mapInside(t.elem, seen);
    case "tuple":
      for (const e of t.elems) {
        const r = mapInside(e, seen);
        if (r) return r;
      }
      return null;
    case "struct": {
      if (seen.has(t.info)) return null;
      seen.add(t.info);
      for (const f of t.info.fields) {
        if (f.type.kind === "map") return `struct \`${t.info.name}\` has the map field \`${f.name}\``;
        const r = mapInside(f.type, seen);
        if (r) return r;
      }
      return null;
    }
    default:
      return null;
  }
}

export function isMapKeyType(t: Type): boolean {
  return ["int", "bool", "address", "string", "bytes", "bytesN", "enum", "error"].includes(t.kind);
}

export function checkPlacements(ctx: ResolveContext): void {
  const p = ctx.program;
  for (const c of p.contracts) {
    for (const s of c.states) storageType(ctx, s.type, s.decl.type);
    for (const fn of c.init ? [c.init, ...c.fns] : c.fns) fnTypes(ctx, fn.decl);
  }
  for (const i of p.interfaces) for (const fn of i.fns) fnTypes(ctx, fn.decl);
  for (const s of [...p.structs, ...p.contracts.flatMap((c) => c.structs)])
    s.fields.forEach((f, i) => storageType(ctx, f.type, s.decl.fields[i]!.type));
  for (const e of [...p.events, ...p.contracts.flatMap((c) => c.events)])
    e.fields.forEach((f, i) => valueType(ctx, f.type, e.decl.fields[i]!.type, "an event field"));
  for (const e of [...p.errors, ...p.contracts.flatMap((c) => c.errors)])
    e.fields.forEach((f, i) => valueType(ctx, f.type, e.decl.fields[i]!.type, "an error field"));
  for (const k of ctx.allConsts) constType(ctx, k.type, k.decl.type);
}

function fnTypes(ctx: ResolveContext, decl: ast.FnDecl | ast.InitDecl): void {
  for (const param of decl.params) {
    const t = ctx.program.typeExprs.get(param.type);
    if (t) valueType(ctx, t, param.type, "a parameter");
  }
  if (decl.kind === "Fn" && decl.returns) {
    const t = ctx.program.typeExprs.get(decl.returns);
    if (t) valueType(ctx, t, decl.returns, "a function result");
  }
}

function valueType(ctx: ResolveContext, t: Type, at: ast.TypeExpr, where: string): void {
  const why = mapInside(t);
  if (!why) return;
  ctx.report("E0210", at.span, `a map cannot be ${where}`, {
    label: why,
    help: "maps live only in storage: declare it as `state` (or a field of a struct kept in state) and pass keys or values instead",
  });
}

/** State variables, map values and struct fields: maps allowed, but not inside arrays or tuples; keys scalar. */
function storageType(ctx: ResolveContext, t: Type, at: ast.TypeExpr): void {
  switch (t.kind) {
    case "map":
      if (!isMapKeyType(t.key))
        ctx.report("E0216", at.span, `\`${typeToString(t.key)}\` cannot be the key of a map`, {
          help: "map keys are integers, bool, address, string, bytes, bytesN or enums",
        });
      storageType(ctx, t.value, at);
      return;
    case "array":
      valueType(ctx, t.elem, at, "an array element");
      return;
    case "tuple":
      t.elems.forEach((e) => valueType(ctx, e, at, "a tuple element"));
      return;
    default:
      return;
  }
}

function constType(ctx: ResolveContext, t: Type, at: ast.TypeExpr): void {
  if (["int", "bool", "string", "bytes", "bytesN", "error"].includes(t.kind)) return;
  ctx.report("E0217", at.span, `a constant cannot have the type \`${typeToString(t)}\``, {
    help: "constants are integers, bool, string, bytes or bytesN; use a `state` variable set in `init` for other values",
  });
}
