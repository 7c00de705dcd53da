// Timed LSP requests for bench:lsp: completion after `self.` and `o.` (typed
// at the edit site, then removed), hover and go-to-definition on identifiers
// across the file. Each function returns the timings (ms) and what the
// server answered, so the bench can tell an empty answer from a fast one.
import type { CompletionItem, CompletionList, Position } from "vscode-languageserver/node.js";
import type { LspClient } from "./client.ts";
import { prng } from "../parallel/workload.ts";

export interface Doc {
  client: LspClient;
  uri: string;
  /** The document's version; bumped by every change sent. */
  version: number;
}

export interface Timings {
  ms: number[];
  /** Requests the server answered with something (a non-empty list, a hover, a location). */
  answered: number;
  /** For completion: whether the expected member was among the items every time. */
  note?: string;
}

async function edit(doc: Doc, start: Position, end: Position, text: string): Promise<void> {
  doc.version++;
  await doc.client.change(doc.uri, doc.version, [{ range: { start, end }, text }]);
}

function labels(r: CompletionItem[] | CompletionList | null): string[] {
  if (!r) return [];
  return (Array.isArray(r) ? r : r.items).map((i) => i.label);
}

/**
 * Completion after `prefix` (ending in "."), typed at (line, column):
 * `settled` waits for the diagnostics of the edit first (the analysis is
 * done; the request measures completion alone); otherwise the request
 * follows the edit at once and its time includes re-analysing the file.
 */
export async function completion(doc: Doc, at: Position, prefix: string, expect: string, runs: number, settled: boolean): Promise<Timings> {
  const out: Timings = { ms: [], answered: 0 };
  let found = 0;
  const after = { line: at.line, character: at.character + prefix.length };
  for (let i = 0; i < runs; i++) {
    await edit(doc, at, at, prefix);
    if (settled) await doc.client.diagnosticsFor(doc.uri, doc.version);
    const t0 = performance.now();
    const r = await doc.client.request<CompletionItem[] | CompletionList | null>("textDocument/completion", {
      textDocument: { uri: doc.uri },
      position: after,
      context: { triggerKind: 2, triggerCharacter: "." },
    });
    out.ms.push(performance.now() - t0);
    const items = labels(r);
    if (items.length) out.answered++;
    if (items.includes(expect)) found++;
    await edit(doc, at, after, "");
    await doc.client.diagnosticsFor(doc.uri, doc.version);
  }
  out.note = `\`${expect}\` offered ${found}/${runs}`;
  return out;
}

/** Positions of identifiers worth asking about: state variables after `self.`, types, enum variants, calls, locals. */
export function identifierPositions(text: string, count: number, seed: number): Position[] {
  const all: Position[] = [];
  const re = /\b(self\.)?([A-Za-z_][A-Za-z0-9_]*)\b/g;
  const keywords = new Set(["let", "mut", "fn", "pub", "view", "return", "if", "else", "for", "in", "state", "contract", "struct", "enum", "event", "error", "emit", "revert", "require", "init", "use", "std", "self", "msg", "as", "map", "true", "false", "break", "while", "indexed"]);
  const lines = text.split("\n");
  lines.forEach((line, n) => {
    if (line.trimStart().startsWith("//")) return;
    for (const m of line.matchAll(re)) {
      const name = m[2]!;
      if (keywords.has(name) || /^(u|i)\d+$|^bytes\d*$|^address$|^string$|^bool$/.test(name)) continue;
      all.push({ line: n, character: m.index! + (m[1]?.length ?? 0) + 1 }); // inside the name, not at its first character
    }
  });
  const rand = prng(seed);
  return Array.from({ length: count }, () => all[Math.floor(rand() * all.length)]!);
}

/** `textDocument/hover` or `textDocument/definition` at each position. */
export async function atPositions(doc: Doc, method: "textDocument/hover" | "textDocument/definition", positions: Position[]): Promise<Timings> {
  const out: Timings = { ms: [], answered: 0 };
  for (const position of positions) {
    const t0 = performance.now();
    const r = await doc.client.request<unknown>(method, { textDocument: { uri: doc.uri }, position });
    out.ms.push(performance.now() - t0);
    if (r !== null && r !== undefined && !(Array.isArray(r) && r.length === 0)) out.answered++;
  }
  return out;
}
