// Type expressions → Types: the built-in names (`u8`…`u256`, `i8`…`i256`,
// `bool`, `address`, `string`, `bytes`, `bytes1`…`bytes32`, `map<K, V>`),
// arrays with constant sizes, tuples, and declared structs, enums,
// interfaces and contracts (a contract name is its implicit interface).
// Every TypeExpr visited gets its entry in `typeExprs`.
import type * as ast from "../syntax/ast.ts";
import { closestMatch } from "../diagnostics/index.ts";
import { UNIT, type Type } from "../types/model.ts";
import type { ResolveContext } from "./context.ts";
import type { Resolution } from "./resolved.ts";
import type { Scope } from "./scopes.ts";
import { describe, resolvePath } from "./names.ts";
import { evalArraySize } from "./const-eval.ts";

const ERROR: Type = { kind: "error" };

export const BUILTIN_TYPE_NAMES: readonly string[] = [
  "bool",
  "address",
  "string",
  "bytes",
  "map",
  ...[8, 16, 32, 64, 128, 256].flatMap((b) => [`u${b}`, `i${b}`]),
  "bytes4",
  "bytes32",
];

/** The Type a type expression denotes (resolved once; later calls return the recorded Type). */
export function resolveType(ctx: ResolveContext, te: ast.TypeExpr, scope: Scope): Type {
  const known = ctx.program.typeExprs.get(te);
  if (known) return known;
  const t = resolveTypeInner(ctx, te, scope);
  ctx.program.typeExprs.set(te, t);
  return t;
}

function resolveTypeInner(ctx: ResolveContext, te: ast.TypeExpr, scope: Scope): Type {
  switch (te.kind) {
    case "ErrorType":
      return ERROR;
    case "TupleType": {
      const elems = te.elems.map((e) => resolveType(ctx, e, scope));
      return elems.length === 0 ? UNIT : { kind: "tuple", elems };
    }
    case "ArrayType": {
      const elem = resolveType(ctx, te.elem, scope);
      if (te.size === null) return { kind: "array", elem, size: null };
      const size = evalArraySize(ctx, te.size, scope);
      return size === null ? ERROR : { kind: "array", elem, size };
    }
    case "NamedType":
      return resolveNamedType(ctx, te, scope);
  }
}

function resolveNamedType(ctx: ResolveContext, te: ast.NamedType, scope: Scope): Type {
  if (te.path.length === 0) return ERROR;
  if (te.path.length === 1) {
    const ident = te.path[0]!;
    const builtin = builtinType(ctx, te, scope);
    if (builtin !== undefined) return builtin;
    const e = scope.lookup(ident.name);
    if (!e || e.kind !== "item") {
      const candidates = [...BUILTIN_TYPE_NAMES, ...scope.visibleNames((x) => x.kind === "item" && isTypeSymbol(x.symbol))];
      const guess = closestMatch(ident.name, candidates);
      ctx.report("E0201", ident.span, `cannot find the type \`${ident.name}\``, {
        label: "unknown type",
        help: guess ? `did you mean \`${guess}\`?` : [],
        fixes: guess ? [{ title: `replace with \`${guess}\``, span: ident.span, replacement: guess }] : [],
      });
      resolveArgs(ctx, te, scope);
      return ERROR;
    }
    return typeFromSymbol(ctx, te, e.symbol, scope);
  }
  const r = resolvePath(ctx, scope, te.path, "type");
  if (!r) {
    resolveArgs(ctx, te, scope);
    return ERROR;
  }
  return typeFromSymbol(ctx, te, r, scope);
}

function isTypeSymbol(r: Resolution): boolean {
  return r.kind === "struct" || r.kind === "enum" || r.kind === "interface" || r.kind === "contract";
}

function typeFromSymbol(ctx: ResolveContext, te: ast.NamedType, r: Resolution, scope: Scope): Type {
  noArgs(ctx, te, scope);
  switch (r.kind) {
    case "struct":
      return { kind: "struct", info: r.info };
    case "enum":
      return { kind: "enum", info: r.info };
    case "interface":
      return { kind: "interface", info: r.info };
    case "contract":
      return r.info.asInterface ? { kind: "interface", info: r.info.asInterface } : ERROR;
    default:
      ctx.report("E0214", te.span, `${describe(r)} is not a type`, {
        label: "expected a type",
        help: "types are the built-in types and declared structs, enums, interfaces and contracts",
      });
      return ERROR;
  }
}

/** The built-in type a one-segment name denotes; undefined if it is not a built-in name. */
function builtinType(ctx: ResolveContext, te: ast.NamedType, scope: Scope): Type | undefined {
  const name = te.path[0]!.name;
  switch (name) {
    case "bool":
    case "address":
    case "string":
    case "bytes":
      noArgs(ctx, te, scope);
      return { kind: name };
    case "map": {
      if (te.args.length !== 2) {
        ctx.report("E0207", te.span, `\`map\` takes two type arguments, found ${te.args.length}`, {
          help: "write `map<K, V>`, e.g. `map<address, u256>`",
        });
        resolveArgs(ctx, te, scope);
        return ERROR;
      }
      const key = resolveType(ctx, te.args[0]!, scope);
      const value = resolveType(ctx, te.args[1]!, scope);
      return { kind: "map", key, value };
    }
  }
  const int = /^([ui])([0-9]+)$/.exec(name);
  if (int) {
    const bits = Number(int[2]);
    noArgs(ctx, te, scope);
    if (bits % 8 !== 0 || bits < 8 || bits > 256 || int[2]!.startsWith("0")) {
      const near = Math.min(256, Math.max(8, Math.round(bits / 8) * 8));
      ctx.report("E0208", te.span, `\`${name}\` is not an integer type`, {
        help: `integer widths go from 8 to 256 in steps of 8 (\`${int[1]}8\`, \`${int[1]}16\`, …, \`${int[1]}256\`); nearest: \`${int[1]}${near}\``,
      });
      return ERROR;
    }
    return { kind: "int", bits, signed: int[1] === "i" };
  }
  const fixed = /^bytes([0-9]+)$/.exec(name);
  if (fixed) {
    const size = Number(fixed[1]);
    noArgs(ctx, te, scope);
    if (size < 1 || size > 32 || fixed[1]!.startsWith("0")) {
      ctx.report("E0208", te.span, `\`${name}\` is not a fixed-size bytes type`, {
        help: "fixed-size byte strings go from `bytes1` to `bytes32`; `bytes` is the dynamic one",
      });
      return ERROR;
    }
    return { kind: "bytesN", size };
  }
  return undefined;
}

function noArgs(ctx: ResolveContext, te: ast.NamedType, scope: Scope): void {
  if (te.args.length === 0) return;
  ctx.report("E0207", te.span, `\`${te.path.map((p) => p.name).join("::")}\` takes no type arguments`, {
    help: "only `map<K, V>` has type arguments",
  });
  resolveArgs(ctx, te, scope);
}

/** Resolves (and records) type arguments that will not be used, so the language server still sees them. */
function resolveArgs(ctx: ResolveContext, te: ast.NamedType, scope: Scope): void {
  for (const a of te.args) resolveType(ctx, a, scope);
}
