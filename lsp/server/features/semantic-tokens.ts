// Semantic tokens (full document): every name coloured by what the resolver
// and checker say it denotes — contract, interface, struct, enum, variant,
// function/method, parameter, local, state (property), field, event, error,
// constant, module, built-in — plus `self`. Built-in types in type
// positions (`u256`, `address`, `map`) are `type`. Nothing is guessed from
// the text: a name the compiler could not resolve gets no token.
import type { SemanticTokens, SemanticTokensLegend, SemanticTokensParams } from "vscode-languageserver";
import type * as ast from "../../../compiler/syntax/ast.ts";
import type { Snapshot } from "../snapshot.ts";
import { walk } from "../ast-walk.ts";
import { recordOfIdent } from "../query.ts";
import { forEachIdent } from "../references.ts";
import { nameSpanOf, type SymbolRecord } from "../symbol-info.ts";

export const tokenTypes = [
  "namespace",
  "class",
  "interface",
  "struct",
  "enum",
  "enumMember",
  "function",
  "method",
  "parameter",
  "variable",
  "property",
  "event",
  "type",
  "keyword",
] as const;
export const tokenModifiers = ["declaration", "readonly", "defaultLibrary"] as const;
export const legend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

type TokenType = (typeof tokenTypes)[number];
type Modifier = (typeof tokenModifiers)[number];

function classify(r: SymbolRecord): { type: TokenType; mods: Modifier[] } {
  switch (r.kind) {
    case "contract":
      return { type: "class", mods: [] };
    case "interface":
      return { type: "interface", mods: [] };
    case "struct":
      return { type: "struct", mods: [] };
    case "enum":
      return { type: "enum", mods: [] };
    case "enumVariant":
      return { type: "enumMember", mods: ["readonly"] };
    case "event":
      return { type: "event", mods: [] };
    case "error":
      return { type: "type", mods: [] };
    case "const":
      return { type: "variable", mods: ["readonly"] };
    case "state":
    case "field":
      return { type: "property", mods: [] };
    case "fn":
      return { type: "method", mods: [] };
    case "local":
      return { type: r.info.isParam ? "parameter" : "variable", mods: r.info.mutable ? [] : ["readonly"] };
    case "module":
      return { type: "namespace", mods: [] };
    case "builtin":
      return { type: ["require", "assert", "hash", "keccak256", "sm3", "sha256", "truncate"].includes(r.name) ? "function" : "variable", mods: ["defaultLibrary"] };
  }
}

interface Tok {
  start: number;
  length: number;
  type: number;
  mods: number;
}

export function semanticTokens(snapshot: Snapshot, params: SemanticTokensParams): SemanticTokens {
  const doc = snapshot.docOf(params.textDocument.uri);
  if (!doc?.file) return { data: [] };
  const program = snapshot.analysis.program;
  const toks: Tok[] = [];
  const push = (span: ast.Span, type: TokenType, mods: Modifier[]) => {
    if (span.end <= span.start) return;
    toks.push({ start: span.start, length: span.end - span.start, type: tokenTypes.indexOf(type), mods: mods.reduce((m, x) => m | (1 << tokenModifiers.indexOf(x)), 0) });
  };
  forEachIdent(doc.file, (id, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    const rec = recordOfIdent(snapshot, id, ancestors);
    if (rec) {
      const { type, mods } = classify(rec);
      const decl = nameSpanOf(rec);
      const isDecl = decl !== null && decl.start === id.span.start && decl.file === id.span.file;
      push(id.span, type, isDecl ? [...mods, "declaration"] : mods);
    } else if (parent?.kind === "NamedType" && program?.typeExprs.has(parent)) {
      push(id.span, "type", ["defaultLibrary"]);
    }
  });
  walk(doc.file, (n) => {
    if (n.kind === "Self") push(n.span, "keyword", []);
    return n.kind !== "Ident";
  });
  return { data: encode(doc.lines, toks) };
}

function encode(lines: { positionAt(offset: number): { line: number; character: number } }, toks: Tok[]): number[] {
  toks.sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let last = -1;
  for (const t of toks) {
    if (t.start === last) continue;
    last = t.start;
    const p = lines.positionAt(t.start);
    data.push(p.line - line, p.line === line ? p.character - char : p.character, t.length, t.type, t.mods);
    line = p.line;
    char = p.character;
  }
  return data;
}
