// Document symbols (the outline: contract → state / fn / event / error /
// struct / enum …, struct → fields, enum → variants) and workspace symbols
// (every declaration of the open documents and what they import, filtered
// by the query). Built from the AST, so they work on code with errors.
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type WorkspaceSymbol, type WorkspaceSymbolParams } from "vscode-languageserver";
import type * as ast from "../../../compiler/syntax/ast.ts";
import type { Snapshot } from "../snapshot.ts";

type Decl = ast.Item | ast.ContractMember | ast.StructField | ast.FnDecl;

function kindOf(d: Decl, inContract: boolean): SymbolKind {
  switch (d.kind) {
    case "Contract":
      return SymbolKind.Class;
    case "Interface":
      return SymbolKind.Interface;
    case "Struct":
      return SymbolKind.Struct;
    case "Enum":
      return SymbolKind.Enum;
    case "Event":
      return SymbolKind.Event;
    case "ErrorDecl":
      return SymbolKind.Object;
    case "Const":
      return SymbolKind.Constant;
    case "State":
      return SymbolKind.Property;
    case "Init":
      return SymbolKind.Constructor;
    case "Fn":
      return inContract ? SymbolKind.Method : SymbolKind.Function;
    case "StructField":
      return SymbolKind.Field;
  }
}

function nameOf(d: Decl): ast.Ident | null {
  return d.kind === "Init" ? null : d.name;
}

function detailOf(d: Decl): string | undefined {
  switch (d.kind) {
    case "Fn":
      return `${d.isPublic ? "pub " : ""}${d.isView ? "view " : ""}fn(${d.params.map((p) => p.name.name).join(", ")})`;
    case "Init":
      return `init(${d.params.map((p) => p.name.name).join(", ")})`;
    default:
      return undefined;
  }
}

function childrenOfDecl(d: Decl): Decl[] {
  switch (d.kind) {
    case "Contract":
      return d.members;
    case "Interface":
      return d.fns;
    case "Struct":
      return d.fields;
    default:
      return [];
  }
}

export function documentSymbols(snapshot: Snapshot, params: DocumentSymbolParams): DocumentSymbol[] {
  const doc = snapshot.docOf(params.textDocument.uri);
  if (!doc?.file) return [];
  const range = (s: ast.Span) => snapshot.rangeOf(s).range;
  const build = (d: Decl, inContract: boolean): DocumentSymbol | null => {
    const name = nameOf(d);
    if (name && name.name === "") return null; // a declaration the parser could only half recover
    const sym: DocumentSymbol = {
      name: name?.name ?? "init",
      kind: kindOf(d, inContract),
      range: range(d.span),
      selectionRange: range(name?.span ?? (d as ast.InitDecl).nameSpan),
    };
    const detail = detailOf(d);
    if (detail) sym.detail = detail;
    const kids = childrenOfDecl(d).map((c) => build(c, d.kind === "Contract")).filter((c): c is DocumentSymbol => c !== null);
    if (d.kind === "Enum")
      kids.push(...d.variants.map((v) => ({ name: v.name, kind: SymbolKind.EnumMember, range: range(v.span), selectionRange: range(v.span) })));
    if (kids.length) sym.children = kids;
    return sym;
  };
  return doc.file.items.map((it) => build(it, false)).filter((s): s is DocumentSymbol => s !== null);
}

export function workspaceSymbols(snapshot: Snapshot, params: WorkspaceSymbolParams): WorkspaceSymbol[] {
  const query = params.query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  const visit = (d: Decl, container: string | undefined, inContract: boolean) => {
    const name = nameOf(d);
    if (name && name.name && matches(name.name.toLowerCase(), query)) {
      const sym: WorkspaceSymbol = { name: name.name, kind: kindOf(d, inContract), location: snapshot.rangeOf(name.span) };
      if (container) sym.containerName = container;
      out.push(sym);
    }
    for (const c of childrenOfDecl(d)) visit(c, name?.name, d.kind === "Contract");
  };
  for (const file of snapshot.analysis.files) for (const it of file.items) visit(it, undefined, false);
  return out;
}

/** VS Code's rule: the query's characters appear in order (case-insensitive). */
function matches(name: string, query: string): boolean {
  let i = 0;
  for (const ch of name) if (ch === query[i]) i++;
  return i === query.length;
}
