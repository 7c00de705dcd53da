// Step 4 of resolve: function bodies, state initializers and constant
// initializers. Walks statements with nested block scopes, creates a
// LocalInfo for every binding (its type is set by the checker), and records
// what every name, path, `self.x`, `msg.x`/`abi.x` and struct literal denotes.
import type * as ast from "../syntax/ast.ts";
import { closestMatch } from "../diagnostics/index.ts";
import type { ContractInfo, FnInfo, LocalInfo } from "../types/model.ts";
import type { ResolveContext } from "./context.ts";
import { Scope } from "./scopes.ts";
import { lookupEnvMember, lookupSelfMember, lookupValue, resolvePath } from "./names.ts";
import { resolveType } from "./type-exprs.ts";

/** Where a body is being resolved. */
interface BodyState {
  ctx: ResolveContext;
  contract: ContractInfo | null;
  contractScope: Scope | null;
  /** The function's locals so far (null outside functions). */
  locals: LocalInfo[] | null;
}

export function resolveBodies(ctx: ResolveContext): void {
  for (const fs of ctx.files) {
    for (const item of fs.file.items) {
      if (item.kind === "Const") {
        const st: BodyState = { ctx, contract: null, contractScope: null, locals: null };
        expr(st, item.value, fs.items);
      } else if (item.kind === "Contract") {
        resolveContractBodies(ctx, ctx.contractOf.get(item)!);
      }
    }
  }
}

function resolveContractBodies(ctx: ResolveContext, contract: ContractInfo): void {
  const scope = ctx.contractScopes.get(contract)!;
  for (const m of contract.decl.members) {
    const st: BodyState = { ctx, contract, contractScope: scope, locals: null };
    if (m.kind === "State" && m.init) expr(st, m.init, scope);
    else if (m.kind === "Const") expr(st, m.value, scope);
    else if ((m.kind === "Fn" || m.kind === "Init") && m.body) {
      const fn = ctx.program.fnOf.get(m)!;
      resolveFnBody(st, fn, m.body, scope);
    }
  }
}

function resolveFnBody(st: BodyState, fn: FnInfo, body: ast.Block, contractScope: Scope): void {
  const fnScope = new Scope("fn", contractScope);
  for (const p of fn.params) fnScope.define(p.name, { kind: "local", local: p, declSpan: p.decl.span });
  const locals = [...fn.params];
  block({ ...st, locals }, body, fnScope);
  st.ctx.fnLocals.set(fn, locals);
}

// ---------------------------------------------------------------- statements

function block(st: BodyState, b: ast.Block, parent: Scope): void {
  const scope = new Scope("block", parent);
  for (const s of b.stmts) stmt(st, s, scope);
}

function stmt(st: BodyState, s: ast.Stmt, scope: Scope): void {
  switch (s.kind) {
    case "Let":
      if (s.type) resolveType(st.ctx, s.type, scope);
      if (s.init) expr(st, s.init, scope);
      bindPattern(st, s.pattern, scope, new Map());
      return;
    case "Assign":
      expr(st, s.target, scope);
      expr(st, s.value, scope);
      return;
    case "ExprStmt":
      expr(st, s.expr, scope);
      return;
    case "If":
      expr(st, s.cond, scope);
      block(st, s.then, scope);
      if (s.else?.kind === "Block") block(st, s.else, scope);
      else if (s.else) stmt(st, s.else, scope);
      return;
    case "While":
      expr(st, s.cond, scope);
      block(st, s.body, scope);
      return;
    case "ForRange": {
      expr(st, s.start, scope);
      expr(st, s.end, scope);
      const inner = new Scope("block", scope);
      bindPattern(st, s.binding, inner, new Map());
      block(st, s.body, inner);
      return;
    }
    case "ForEach": {
      expr(st, s.iterable, scope);
      const inner = new Scope("block", scope);
      const seen = new Map<string, ast.Ident>();
      if (s.index) bindPattern(st, s.index, inner, seen);
      bindPattern(st, s.value, inner, seen);
      block(st, s.body, inner);
      return;
    }
    case "Return":
      if (s.value) expr(st, s.value, scope);
      return;
    case "Emit":
      emitTarget(st, s, scope);
      for (const a of s.args) expr(st, a, scope);
      return;
    case "Revert":
      expr(st, s.value, scope);
      return;
    case "Unchecked":
      block(st, s.body, scope);
      return;
    case "BlockStmt":
      block(st, s.body, scope);
      return;
    case "Break":
    case "Continue":
    case "ErrorStmt":
      return;
  }
}

/** Defines the names a pattern binds; `seen` catches a name bound twice by one pattern. */
function bindPattern(st: BodyState, p: ast.Pattern, scope: Scope, seen: Map<string, ast.Ident>): void {
  switch (p.kind) {
    case "WildcardPattern":
      return;
    case "TuplePattern":
      for (const e of p.elems) bindPattern(st, e, scope, seen);
      return;
    case "BindingPattern": {
      const first = seen.get(p.name.name);
      if (first)
        st.ctx.report("E0202", p.name.span, `\`${p.name.name}\` is bound twice in the same pattern`, {
          secondary: [{ span: first.span, message: "first bound here" }],
          help: "use a different name, or `_` for a value you do not need",
        });
      seen.set(p.name.name, p.name);
      const locals = st.locals ?? [];
      const local: LocalInfo = {
        id: locals.length,
        name: p.name.name,
        type: { kind: "error" },
        mutable: p.mutable,
        decl: p.name,
        isParam: false,
      };
      locals.push(local);
      st.ctx.program.locals.set(p.name, local);
      scope.define(p.name.name, { kind: "local", local, declSpan: p.name.span });
      return;
    }
  }
}

function emitTarget(st: BodyState, s: ast.EmitStmt, scope: Scope): void {
  const e = scope.lookup(s.event.name);
  if (e) {
    st.ctx.emits.set(s, e.kind === "local" ? { kind: "local", local: e.local } : e.symbol);
    return;
  }
  const events = scope.visibleNames((x) => x.kind === "item" && x.symbol.kind === "event");
  const guess = closestMatch(s.event.name, events);
  st.ctx.report("E0200", s.event.span, `cannot find the event \`${s.event.name}\` in this scope`, {
    label: "unknown event",
    help: guess ? `did you mean \`${guess}\`?` : "declare it with `event Name(…);` in the contract or at the top level",
    fixes: guess ? [{ title: `replace with \`${guess}\``, span: s.event.span, replacement: guess }] : [],
  });
  st.ctx.emits.set(s, { kind: "unresolved" });
}

// ---------------------------------------------------------------- expressions

function expr(st: BodyState, e: ast.Expr, scope: Scope): void {
  const ctx = st.ctx;
  switch (e.kind) {
    case "Name":
      ctx.names.set(e, lookupValue(ctx, scope, e.name));
      return;
    case "Path":
      ctx.names.set(e, resolvePath(ctx, scope, e.segments, "value") ?? { kind: "unresolved" });
      return;
    case "Self":
      if (!st.contract) ctx.report("E0212", e.span, "`self` is only available inside a contract");
      return;
    case "Member": {
      if (e.object.kind === "Self") {
        if (!st.contract) {
          expr(st, e.object, scope);
          ctx.names.set(e, { kind: "unresolved" });
        } else ctx.names.set(e, lookupSelfMember(ctx, st.contract, st.contractScope, e.member));
        return;
      }
      expr(st, e.object, scope);
      const obj = ctx.names.get(e.object);
      if (e.object.kind === "Name" && obj?.kind === "envRoot") ctx.names.set(e, lookupEnvMember(ctx, obj.name, e.member));
      return;
    }
    case "Index":
      expr(st, e.object, scope);
      expr(st, e.index, scope);
      return;
    case "Call":
      expr(st, e.callee, scope);
      for (const t of e.typeArgs) resolveType(ctx, t, scope);
      for (const a of e.args) expr(st, a, scope);
      return;
    case "StructLit":
      structName(st, e, scope);
      for (const f of e.fields) expr(st, f.value, scope);
      return;
    case "Cast":
      expr(st, e.expr, scope);
      resolveType(ctx, e.type, scope);
      return;
    case "Unary":
      expr(st, e.operand, scope);
      return;
    case "Binary":
      expr(st, e.left, scope);
      expr(st, e.right, scope);
      return;
    case "Tuple":
    case "ArrayLit":
      for (const x of e.elems) expr(st, x, scope);
      return;
    case "IntLit":
    case "BoolLit":
    case "StringLit":
    case "BytesLit":
    case "ErrorExpr":
      return;
  }
}

function structName(st: BodyState, e: ast.StructLit, scope: Scope): void {
  const entry = scope.lookup(e.name.name);
  if (entry) {
    st.ctx.names.set(e, entry.kind === "local" ? { kind: "local", local: entry.local } : entry.symbol);
    return;
  }
  const structs = scope.visibleNames((x) => x.kind === "item" && x.symbol.kind === "struct");
  const guess = closestMatch(e.name.name, structs);
  st.ctx.report("E0200", e.name.span, `cannot find the struct \`${e.name.name}\` in this scope`, {
    label: "unknown struct",
    help: guess ? `did you mean \`${guess}\`?` : [],
    fixes: guess ? [{ title: `replace with \`${guess}\``, span: e.name.span, replacement: guess }] : [],
  });
  st.ctx.names.set(e, { kind: "unresolved" });
}
