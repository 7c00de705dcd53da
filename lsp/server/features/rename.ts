// Rename (and prepareRename): a WorkspaceEdit replacing every reference of
// the declaration under the cursor, in all files of the snapshot. Refused
// with a ResponseError and a reason for keywords and built-ins (`self`,
// `msg`, `require`, …), names declared in std modules (read-only), `init`,
// modules, a new name that is not an identifier or is a keyword or built-in,
// and a new name that clashes with one already declared in the same scope.
import { LSPErrorCodes, ResponseError, type PrepareRenameParams, type Range, type RenameParams, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type * as ast from "../../../compiler/syntax/ast.ts";
import { keywords } from "../../../compiler/syntax/index.ts";
import type { Snapshot } from "../snapshot.ts";
import { nodeAt, symbolAt, type SymbolAt } from "../query.ts";
import { findReferences, forEachIdent } from "../references.ts";

/** Names the language gives meaning to without a declaration. */
const BUILTIN_NAMES = new Set(["msg", "tx", "block", "abi", "self", "require", "assert", "hash", "keccak256", "sm3", "sha256", "truncate", "Admin"]);

function refuse(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/** The symbol to rename at the position, or a ResponseError saying why not. */
function renameTarget(snapshot: Snapshot, uri: string, offset: number): SymbolAt {
  const sym = symbolAt(snapshot, uri, offset);
  if (!sym) {
    const found = nodeAt(snapshot, uri, offset);
    const word = wordAt(snapshot.docOf(uri)?.text ?? "", offset);
    if (word && keywords.includes(word)) throw refuse(`\`${word}\` is a keyword and cannot be renamed`);
    throw refuse(found?.node.kind === "Ident" ? `\`${word}\` does not name a declaration (is there an error here?)` : "there is no name to rename here");
  }
  if (sym.kind === "builtin") throw refuse(`\`${sym.name}\` is built into the language and cannot be renamed`);
  if (sym.kind === "module") throw refuse("a module or file is renamed by renaming its file");
  if (sym.record.kind === "fn" && sym.record.info.isInit) throw refuse("`init` is a keyword and cannot be renamed");
  if (sym.nameSpan?.file.startsWith("std/")) {
    const module = sym.nameSpan.file.slice(4).replace(/\.weft$/, "").replace(/\//g, "::");
    throw refuse(`\`${sym.name}\` is declared in the std module std::${module}, which is read-only`);
  }
  return sym;
}

function wordAt(text: string, offset: number): string {
  let s = offset;
  let e = offset;
  while (s > 0 && /\w/.test(text[s - 1]!)) s--;
  while (e < text.length && /\w/.test(text[e]!)) e++;
  return text.slice(s, e);
}

export function prepareRename(snapshot: Snapshot, params: PrepareRenameParams): { range: Range; placeholder: string } | null {
  const uri = params.textDocument.uri;
  const sym = renameTarget(snapshot, uri, snapshot.offsetAt(uri, params.position));
  return { range: snapshot.rangeOf(sym.at).range, placeholder: sym.name };
}

export function rename(snapshot: Snapshot, params: RenameParams): WorkspaceEdit | null {
  const uri = params.textDocument.uri;
  const sym = renameTarget(snapshot, uri, snapshot.offsetAt(uri, params.position));
  const newName = params.newName;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName) || newName === "_") throw refuse(`\`${newName}\` is not an identifier`);
  if (keywords.includes(newName)) throw refuse(`\`${newName}\` is a keyword`);
  if (BUILTIN_NAMES.has(newName)) throw refuse(`\`${newName}\` is a built-in name`);
  if (newName === sym.name) return { changes: {} };
  const clash = clashIn(snapshot, sym, newName);
  if (clash) throw refuse(`\`${newName}\` is already declared in the same scope (${clash})`);
  const changes: Record<string, TextEdit[]> = {};
  for (const span of findReferences(snapshot, sym, true)) {
    if (span.file.startsWith("std/")) continue;
    const loc = snapshot.rangeOf(span);
    (changes[loc.uri] ??= []).push({ range: loc.range, newText: newName });
  }
  return { changes };
}

/** Where `newName` is already declared in the scope of `sym` (as "line N"), or null. */
function clashIn(snapshot: Snapshot, sym: SymbolAt, newName: string): string | null {
  const r = sym.record;
  const at = (span: ast.Span) => `${span.file.slice(span.file.lastIndexOf("/") + 1)}, line ${snapshot.rangeOf(span).range.start.line + 1}`;
  const named = (ids: ast.Ident[]) => ids.find((i) => i.name === newName);
  switch (r.kind) {
    case "local": {
      // Parameters and bindings of the enclosing function.
      const decl = [...(snapshot.analysis.program?.fnOf.keys() ?? [])].find((f) => f.span.file === r.info.decl.span.file && f.span.start <= r.info.decl.span.start && r.info.decl.span.end <= f.span.end);
      if (!decl) return null;
      const bindings: ast.Ident[] = [];
      forEachIdent({ kind: "SourceFile", span: decl.span, path: decl.span.file, imports: [], items: [decl as never] }, (id, anc) => {
        const p = anc[anc.length - 1];
        if (p && (p.kind === "Param" || p.kind === "BindingPattern") && p.name === id) bindings.push(id);
      });
      const hit = named(bindings);
      return hit ? at(hit.span) : null;
    }
    case "field": {
      const hit = named(r.struct.decl.fields.map((f) => f.name));
      return hit ? at(hit.span) : null;
    }
    case "enumVariant": {
      const hit = named(r.info.decl.variants);
      return hit ? at(hit.span) : null;
    }
    default: {
      const file = snapshot.analysis.files.find((f) => f.path === sym.nameSpan?.file);
      if (!file) return null;
      const owner = file.items.find((it) => (it.kind === "Contract" ? it.members : it.kind === "Interface" ? it.fns : []).some((m) => m === sym.key));
      const members =
        owner?.kind === "Contract" ? owner.members.flatMap((m) => (m.kind === "Init" ? [] : [m.name])) : owner?.kind === "Interface" ? owner.fns.map((f) => f.name) : [];
      const topLevel = snapshot.analysis.files.filter((f) => !f.path.startsWith("std/") || f === file).flatMap((f) => f.items.map((it) => it.name));
      const hit = named(members) ?? named(topLevel);
      return hit ? at(hit.span) : null;
    }
  }
}
