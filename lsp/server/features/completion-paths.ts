// Completion after `::` and inside `use std::m::{…}`: std module names
// (stdlib/*.weft), the declarations a module offers, enum variants
// (`Side::`) and the declarations inside a contract (`Token::`).
import type { CompletionItem } from "vscode-languageserver";
import type { Analysis } from "../../../compiler/analyze.ts";
import type * as ast from "../../../compiler/syntax/ast.ts";
import { parse } from "../../../compiler/syntax/index.ts";
import { CompletionItemKind } from "vscode-languageserver";
import { readStd, stdModules } from "../../../stdlib/index.ts";
import { symOf, type Sym } from "./scope.ts";
import type { Tok } from "./scope-tokens.ts";
import { moduleItem, symbolItem } from "./completion-items.ts";

/** The `a::b::` segments before tokens[end] (a `::`), as names; null when they are not plain names. */
export function pathBefore(tokens: Tok[], end: number): string[] | null {
  const segs: string[] = [];
  let i = end;
  while (i >= 0 && tokens[i]?.type === "ColonColon") {
    const id = tokens[i - 1];
    if (!id || id.type !== "Identifier") return null;
    segs.unshift(id.text);
    i -= 2;
  }
  return segs;
}

/** Items after `segments::` (`std`, `std::m`, an enum, a contract). */
export function pathItems(analysis: Analysis, segments: string[], symbols: Sym[]): CompletionItem[] {
  if (segments[0] === "std") {
    if (segments.length === 1) return stdModuleItems(segments);
    const module = segments.slice(1).join("/");
    const sub = stdModuleItems(segments);
    return [...sub, ...moduleDecls(analysis, module).map((d) => declItem(analysis, d))];
  }
  const s = symbols.find((x) => x.name === segments[0]);
  if (!s || segments.length !== 1) return [];
  if (s.kind === "enum")
    return s.info.variants.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${s.name}::${v}` }));
  if (s.kind === "contract") {
    const out: CompletionItem[] = [];
    for (const m of s.info.decl.members) if (m.kind !== "State" && m.kind !== "Fn" && m.kind !== "Init") out.push(declItem(analysis, m));
    return out;
  }
  return [];
}

/** std modules directly under `std::a::…` (the segments given). */
function stdModuleItems(segments: string[]): CompletionItem[] {
  const prefix = segments.slice(1).join("/");
  const out = new Set<string>();
  for (const m of safeModules()) {
    if (prefix && !m.startsWith(prefix + "/")) continue;
    const rest = prefix ? m.slice(prefix.length + 1) : m;
    out.add(rest.split("/")[0]!);
  }
  return [...out].map(moduleItem);
}

function safeModules(): string[] {
  try {
    return stdModules();
  } catch {
    return []; // no stdlib/ folder
  }
}

/** The top-level declarations of std module `module`: from the analysis when it is part of it, else read and parsed. */
export function moduleDecls(analysis: Analysis, module: string): ast.Item[] {
  const path = `std/${module}.weft`;
  const inAnalysis = analysis.files.find((f) => f.path === path);
  if (inAnalysis) return inAnalysis.items;
  return parsedStd(module)?.items ?? [];
}

const parsedCache = new Map<string, { text: string; file: ast.SourceFile }>();

function parsedStd(module: string): ast.SourceFile | undefined {
  const text = readStd(module);
  if (text === undefined) return undefined;
  const hit = parsedCache.get(module);
  if (hit && hit.text === text) return hit.file;
  const file = parse(`std/${module}.weft`, text).file;
  parsedCache.set(module, { text, file });
  return file;
}

const ITEM_KIND: Record<string, CompletionItemKind> = {
  Contract: CompletionItemKind.Class,
  Interface: CompletionItemKind.Interface,
  Struct: CompletionItemKind.Struct,
  Enum: CompletionItemKind.Enum,
  Event: CompletionItemKind.Event,
  ErrorDecl: CompletionItemKind.Class,
  Const: CompletionItemKind.Constant,
};

/** An item for a declaration node: with its typed details when the analysis has them, else from the AST. */
function declItem(analysis: Analysis, d: ast.Node & { name: ast.Ident; docs: ast.Docs }): CompletionItem {
  const s = symOf(analysis, d);
  if (s) return symbolItem(s);
  const keyword = d.kind === "ErrorDecl" ? "error" : d.kind.toLowerCase();
  return {
    label: d.name.name,
    kind: ITEM_KIND[d.kind] ?? CompletionItemKind.Text,
    detail: `${keyword} ${d.name.name}`,
    ...(d.docs ? { documentation: { kind: "markdown" as const, value: d.docs } } : {}),
  };
}

/** Items inside `use std::m::{…}` or after `use std::m::`. */
export function useListItems(analysis: Analysis, segments: string[]): CompletionItem[] {
  if (segments[0] !== "std" || segments.length < 2) return [];
  return moduleDecls(analysis, segments.slice(1).join("/")).map((d) => declItem(analysis, d));
}
