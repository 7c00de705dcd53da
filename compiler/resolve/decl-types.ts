// Step 3 of resolve: the types inside declarations — struct fields, state
// variables, constants, function parameters and results (parameters become
// LocalInfo records), event and error fields — then ABI signatures.
import type * as ast from "../syntax/ast.ts";
import { abiTypeName, type ContractInfo, type FnInfo, type InterfaceInfo, type LocalInfo, type Type } from "../types/model.ts";
import type { ResolveContext } from "./context.ts";
import type { Scope } from "./scopes.ts";
import { resolveType } from "./type-exprs.ts";
import { ensureConstType } from "./const-eval.ts";

/** Resolves every declaration's types, file by file, in source order. */
export function resolveDeclarationTypes(ctx: ResolveContext): void {
  for (const fs of ctx.files) {
    for (const item of fs.file.items) {
      if (item.kind === "Contract") {
        const info = ctx.contractOf.get(item)!;
        resolveContractTypes(ctx, info);
      } else if (item.kind === "Interface") {
        const info = ctx.interfaceOf.get(item)!;
        resolveInterfaceTypes(ctx, info, fs.items);
      } else {
        resolveSharedTypes(ctx, item, fs.items);
      }
    }
  }
}

function resolveContractTypes(ctx: ResolveContext, info: ContractInfo): void {
  const scope = ctx.contractScopes.get(info)!;
  for (const m of info.decl.members) {
    if (m.kind === "State") {
      const st = info.states.find((s) => s.decl === m)!;
      st.type = resolveType(ctx, m.type, scope);
    } else if (m.kind !== "Fn" && m.kind !== "Init") {
      resolveSharedTypes(ctx, m, scope);
    }
  }
  // Every function, including a second `init` (already reported), so the language server sees its types.
  for (const m of info.decl.members) {
    const fn = m.kind === "Fn" || m.kind === "Init" ? ctx.program.fnOf.get(m) : undefined;
    if (fn) resolveFnTypes(ctx, fn, scope);
  }
}

// A contract function without a body, or an interface function with one, is
// reported by the parser (E0118); here they are simply typed.
function resolveInterfaceTypes(ctx: ResolveContext, info: InterfaceInfo, scope: Scope): void {
  for (const fn of info.fns) resolveFnTypes(ctx, fn, scope);
}

/** Structs, enums, events, errors and consts, wherever declared. */
function resolveSharedTypes(ctx: ResolveContext, item: ast.Item | ast.ContractMember, scope: Scope): void {
  switch (item.kind) {
    case "Struct": {
      const info = ctx.structOf.get(item)!;
      info.fields = item.fields.map((f) => ({ name: f.name.name, type: resolveType(ctx, f.type, scope) }));
      reportDuplicates(ctx, item.fields.map((f) => f.name), "field", `struct \`${item.name.name}\``);
      return;
    }
    case "Event": {
      const info = ctx.eventOf.get(item)!;
      info.fields = item.fields.map((f) => ({ name: f.name.name, type: resolveType(ctx, f.type, scope), indexed: f.indexed }));
      reportDuplicates(ctx, item.fields.map((f) => f.name), "field", `event \`${item.name.name}\``);
      return;
    }
    case "ErrorDecl": {
      const info = ctx.errorOf.get(item)!;
      info.fields = item.fields.map((f) => ({ name: f.name.name, type: resolveType(ctx, f.type, scope) }));
      reportDuplicates(ctx, item.fields.map((f) => f.name), "field", `error \`${item.name.name}\``);
      return;
    }
    case "Const": {
      const info = ctx.constOf.get(item)!;
      ensureConstType(ctx, info, scope);
      return;
    }
    default:
      return;
  }
}

function resolveFnTypes(ctx: ResolveContext, fn: FnInfo, scope: Scope): void {
  const decl = fn.decl;
  fn.params = decl.params.map((p, id): LocalInfo => {
    const local: LocalInfo = { id, name: p.name.name, type: resolveType(ctx, p.type, scope), mutable: false, decl: p.name, isParam: true };
    ctx.program.locals.set(p.name, local);
    return local;
  });
  ctx.fnLocals.set(fn, [...fn.params]);
  if (decl.kind === "Fn" && decl.returns) fn.returns = resolveType(ctx, decl.returns, scope);
  reportDuplicates(ctx, decl.params.map((p) => p.name), "parameter", `function \`${fn.name}\``);
}

/** Every ABI signature, once all struct fields are known. */
export function computeSignatures(ctx: ResolveContext): void {
  const sig = (name: string, types: Type[]) => `${name}(${types.map(abiTypeName).join(",")})`;
  const fnSig = (fn: FnInfo) => (fn.signature = sig(fn.name, fn.params.map((p) => p.type)));
  for (const fn of ctx.program.fnOf.values()) fnSig(fn);
  for (const e of ctx.errorOf.values()) e.signature = sig(e.name, e.fields.map((f) => f.type));
}

function reportDuplicates(ctx: ResolveContext, names: ast.Ident[], what: string, where: string): void {
  const seen = new Map<string, ast.Ident>();
  for (const n of names) {
    const first = seen.get(n.name);
    if (first)
      ctx.report("E0202", n.span, `the ${what} \`${n.name}\` is declared twice in ${where}`, {
        secondary: [{ span: first.span, message: "first declared here" }],
      });
    else seen.set(n.name, n);
  }
}
