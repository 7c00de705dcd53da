// Everything completion and signature help know about a cursor, gathered
// once: the document, the offset, where it is in the AST (scope.ts), the
// declarations and locals visible there, and the tokens just before it
// (scope-tokens.ts).
import type { Position } from "vscode-languageserver";
import type { Snapshot, DocInfo } from "../snapshot.ts";
import type { ContractInfo, LocalInfo } from "../../../compiler/types/model.ts";
import type * as ast from "../../../compiler/syntax/ast.ts";
import { contractInfo, localsAt, locate, visibleSymbols, type Location, type Sym } from "./scope.ts";
import { tokenContext, type TokenContext } from "./scope-tokens.ts";
import type { TypeEnv } from "./scope-types.ts";

export interface Cursor {
  doc: DocInfo;
  offset: number;
  loc: Location;
  symbols: Sym[];
  contract: ContractInfo | null;
  locals: Map<string, LocalInfo | ast.Ident>;
  ctx: TokenContext;
  env: TypeEnv;
}

export function cursorAt(snapshot: Snapshot, uri: string, position: Position): Cursor | null {
  const doc = snapshot.docOf(uri);
  if (!doc?.file) return null;
  const analysis = snapshot.analysis;
  const offset = snapshot.offsetAt(doc.uri, position);
  const loc = locate(doc.file, doc.text, offset);
  const symbols = visibleSymbols(analysis, doc.file, loc.contract);
  const structs = new Set(symbols.filter((s) => s.kind === "struct").map((s) => s.name));
  const ctx = tokenContext(doc.text, loc.windowStart, offset, loc.base, (n) => structs.has(n));
  const contract = contractInfo(analysis, loc.contract);
  const locals = loc.fn ? localsAt(analysis, loc.fn, doc.text, offset) : new Map<string, LocalInfo | ast.Ident>();
  return { doc, offset, loc, symbols, contract, locals, ctx, env: { locals, contract, symbols } };
}
