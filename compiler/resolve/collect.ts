// Step 1 of resolve: every declaration becomes an `…Info` record (its types
// still empty) and a name in its file's or contract's scope. Duplicate names
// are reported here, pointing at the first declaration.
import type * as ast from "../syntax/ast.ts";
import { UNIT, type ConstInfo, type ContractInfo, type FnInfo, type InterfaceInfo } from "../types/model.ts";
import type { ResolveContext, FileState } from "./context.ts";
import type { ItemSymbol } from "./resolved.ts";
import { Scope } from "./scopes.ts";
import { normalizePath } from "./paths.ts";

/** Creates the file scopes and the Info records of every declaration. */
export function collectDeclarations(ctx: ResolveContext): void {
  for (const file of ctx.program.files) {
    const imports = new Scope("imports", null);
    const items = new Scope("file", imports);
    const fs: FileState = { file, path: normalizePath(file.path), imports, items, importUses: [] };
    ctx.files.push(fs);
    if (!ctx.fileByPath.has(fs.path)) ctx.fileByPath.set(fs.path, fs);
  }
  for (const fs of ctx.files) {
    for (const item of fs.file.items) collectItem(ctx, fs, item);
  }
}

function collectItem(ctx: ResolveContext, fs: FileState, item: ast.Item): void {
  const p = ctx.program;
  switch (item.kind) {
    case "Contract": {
      const info = newContract(item, fs.path);
      p.contracts.push(info);
      ctx.contractOf.set(item, info);
      define(ctx, fs.items, item.name, { kind: "contract", info });
      collectContractMembers(ctx, info, fs.items);
      return;
    }
    case "Interface": {
      const info: InterfaceInfo = { kind: "interface", name: item.name.name, decl: item, fns: [] };
      p.interfaces.push(info);
      ctx.interfaceOf.set(item, info);
      define(ctx, fs.items, item.name, { kind: "interface", info });
      const seen = new Scope("block", null);
      for (const fn of item.fns) {
        const f = newFn(fn, info);
        f.isPublic = true;
        info.fns.push(f);
        p.fnOf.set(fn, f);
        define(ctx, seen, fn.name, { kind: "fn", info: f });
      }
      return;
    }
    default: {
      const sym = collectShared(ctx, item);
      if (!sym) return;
      pushTopLevel(ctx, sym);
      define(ctx, fs.items, item.name, sym);
      if (sym.kind === "const") ctx.constScopes.set(sym.info, fs.items);
    }
  }
}

/** Structs, enums, events, errors and consts: declared at top level or in a contract. */
function collectShared(ctx: ResolveContext, item: ast.Item | ast.ContractMember): ItemSymbol | null {
  switch (item.kind) {
    case "Struct": {
      const info = { name: item.name.name, decl: item, fields: [] };
      ctx.structOf.set(item, info);
      return { kind: "struct", info };
    }
    case "Enum": {
      const variants: string[] = [];
      const seen = new Map<string, ast.Ident>();
      for (const v of item.variants) {
        const first = seen.get(v.name);
        if (first) {
          ctx.report("E0202", v.span, `the variant \`${v.name}\` is declared twice in enum \`${item.name.name}\``, {
            secondary: [{ span: first.span, message: "first declared here" }],
          });
        } else seen.set(v.name, v);
        variants.push(v.name);
      }
      return { kind: "enum", info: { name: item.name.name, decl: item, variants } };
    }
    case "Event": {
      const info = { name: item.name.name, decl: item, fields: [] };
      ctx.eventOf.set(item, info);
      return { kind: "event", info };
    }
    case "ErrorDecl": {
      const info = { name: item.name.name, decl: item, fields: [], signature: "" };
      ctx.errorOf.set(item, info);
      return { kind: "error", info };
    }
    case "Const": {
      const info: ConstInfo = { name: item.name.name, decl: item, type: { kind: "error" }, value: { kind: "int", value: 0n } };
      ctx.allConsts.push(info);
      ctx.constOf.set(item, info);
      return { kind: "const", info };
    }
    default:
      return null;
  }
}

function pushTopLevel(ctx: ResolveContext, sym: ItemSymbol): void {
  const p = ctx.program;
  if (sym.kind === "struct") p.structs.push(sym.info);
  else if (sym.kind === "enum") p.enums.push(sym.info);
  else if (sym.kind === "event") p.events.push(sym.info);
  else if (sym.kind === "error") p.errors.push(sym.info);
  else if (sym.kind === "const") p.consts.push(sym.info);
}

function newContract(decl: ast.ContractDecl, file: string): ContractInfo {
  const pubFns: ast.FnDecl[] = decl.members.filter((m): m is ast.FnDecl => m.kind === "Fn" && m.isPublic);
  // The interface every contract implicitly has: its public functions, so that
  // `Token(addr).transfer(…)` is an external call like through an interface.
  const ifaceDecl: ast.InterfaceDecl = { kind: "Interface", span: decl.span, name: decl.name, docs: decl.docs, fns: pubFns };
  const iface: InterfaceInfo = { kind: "interface", name: decl.name.name, decl: ifaceDecl, fns: [] };
  const info: ContractInfo = {
    kind: "contract",
    name: decl.name.name,
    decl,
    file,
    states: [],
    consts: [],
    fns: [],
    init: null,
    events: [],
    errors: [],
    structs: [],
    enums: [],
    asInterface: iface,
  };
  iface.contract = info;
  return info;
}

function newFn(decl: ast.FnDecl | ast.InitDecl, owner: ContractInfo | InterfaceInfo): FnInfo {
  const isInit = decl.kind === "Init";
  return {
    name: isInit ? "init" : decl.name.name,
    decl,
    owner,
    params: [],
    returns: UNIT,
    isPublic: isInit ? false : decl.isPublic,
    isView: isInit ? false : decl.isView,
    isReentrant: isInit ? false : decl.isReentrant,
    isInit,
    signature: "",
  };
}

function collectContractMembers(ctx: ResolveContext, info: ContractInfo, fileScope: Scope): void {
  const scope = new Scope("contract", fileScope);
  ctx.contractScopes.set(info, scope);
  for (const m of info.decl.members) {
    switch (m.kind) {
      case "State": {
        const st = { name: m.name.name, decl: m, type: { kind: "error" } as const, slot: info.states.length };
        info.states.push(st);
        define(ctx, scope, m.name, { kind: "state", info: st });
        break;
      }
      case "Init": {
        const fn = newFn(m, info);
        ctx.program.fnOf.set(m, fn);
        if (info.init) {
          ctx.report("E0202", m.nameSpan, `contract \`${info.name}\` has more than one \`init\``, {
            secondary: [{ span: (info.init.decl as ast.InitDecl).nameSpan, message: "first `init` here" }],
            help: "a contract has at most one constructor; merge them",
          });
        } else info.init = fn; // `init` is a keyword: it cannot be named, hence not called

        break;
      }
      case "Fn": {
        const fn = newFn(m, info);
        info.fns.push(fn);
        ctx.program.fnOf.set(m, fn);
        if (fn.isPublic) info.asInterface!.fns.push(fn);
        define(ctx, scope, m.name, { kind: "fn", info: fn });
        break;
      }
      default: {
        const sym = collectShared(ctx, m);
        if (!sym) break;
        if (sym.kind === "struct") info.structs.push(sym.info);
        else if (sym.kind === "enum") info.enums.push(sym.info);
        else if (sym.kind === "event") info.events.push(sym.info);
        else if (sym.kind === "error") info.errors.push(sym.info);
        else if (sym.kind === "const") {
          info.consts.push(sym.info);
          ctx.constScopes.set(sym.info, scope);
        }
        define(ctx, scope, m.name, sym);
      }
    }
  }
}

/** Adds a declaration to a scope, or reports it as a duplicate of the one already there. */
export function define(ctx: ResolveContext, scope: Scope, name: ast.Ident, symbol: ItemSymbol): void {
  const existing = scope.own(name.name);
  if (existing) {
    ctx.report("E0202", name.span, `the name \`${name.name}\` is declared twice`, {
      label: "declared again here",
      secondary: [{ span: existing.declSpan, message: `first declaration of \`${name.name}\`` }],
      help: "rename one of them",
    });
    return;
  }
  scope.define(name.name, { kind: "item", symbol, declSpan: name.span });
}
