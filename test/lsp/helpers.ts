// expect… helpers for language-server tests: each opens a marked text (see
// client.ts: `<|>` cursor, `<|…|>` expected ranges) as a fresh document,
// sends one request, asserts, closes the document and returns the raw
// result so a test can assert more. Extra files for imports go in
// `files` (written into the workspace folder before the document opens).
import { expect } from "vitest";
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  LocationLink,
  Range,
  SignatureHelp,
  TextEdit,
  WorkspaceEdit,
  FormattingOptions,
  FoldingRange,
  SemanticTokens,
} from "vscode-languageserver/node.js";
import { sortRanges, withDoc, type Doc, type Lsp } from "./client.ts";

export { useLsp, parseMarkers, withDoc, sortRanges, repoRoot, stdlibUri, type Lsp, type Doc } from "./client.ts";

export interface Common {
  /** Files written into the workspace folder first (name → text), e.g. for `import "./lib.weft"`. */
  files?: Record<string, string>;
  /** The document's file name (default: unique). */
  name?: string;
}

function prepare(lsp: Lsp, opts: Common): void {
  for (const [name, text] of Object.entries(opts.files ?? {})) lsp.writeFile(name, text);
}

const at = (doc: Doc) => ({ textDocument: { uri: doc.uri }, position: doc.position });

// ---------------------------------------------------------------- diagnostics

export interface ExpectedDiagnostic {
  code: string;
  /** Severity name; default: not checked. */
  severity?: "error" | "warning";
  /** Substring of the message. */
  message?: string;
}

/**
 * The document's diagnostics, in order, match `expected`; the i-th one's range
 * is the i-th marked range (when the text has markers).
 */
export async function expectDiagnostics(lsp: Lsp, marked: string, expected: ExpectedDiagnostic[], opts: Common = {}): Promise<Diagnostic[]> {
  prepare(lsp, opts);
  return withDoc(lsp, marked, async (doc) => {
    const ds = await lsp.diagnostics(doc);
    expect(ds.map((d) => d.code), JSON.stringify(ds, null, 1)).toEqual(expected.map((e) => e.code));
    ds.forEach((d, i) => {
      const e = expected[i]!;
      if (e.severity) expect(d.severity, d.message).toBe(e.severity === "error" ? 1 : 2);
      if (e.message) expect(d.message).toContain(e.message);
    });
    if (doc.ranges.length) expect(ds.map((d) => d.range)).toEqual(doc.lspRanges);
    return ds;
  }, opts.name);
}

// ---------------------------------------------------------------- hover

/** Hover at the cursor contains every given string (or is null when `expected` is null). */
export async function expectHover(lsp: Lsp, marked: string, expected: string | string[] | null, opts: Common = {}): Promise<Hover | null> {
  prepare(lsp, opts);
  return withDoc(lsp, marked, async (doc) => {
    const h = (await lsp.connection.sendRequest("textDocument/hover", at(doc))) as Hover | null;
    if (expected === null) {
      expect(h).toBeNull();
      return h;
    }
    expect(h, "no hover").not.toBeNull();
    const value = typeof h!.contents === "object" && "value" in h!.contents ? h!.contents.value : JSON.stringify(h!.contents);
    for (const s of typeof expected === "string" ? [expected] : expected) expect(value).toContain(s);
    if (doc.ranges.length) expect(h!.range).toEqual(doc.lspRanges[0]);
    return h;
  }, opts.name);
}

// ---------------------------------------------------------------- navigation

export interface ExpectedLocation {
  /** Target URI (default: the document itself). */
  uri?: string;
  /** Target URI ends with this (e.g. "stdlib/token.weft"). */
  uriEndsWith?: string;
  /** Target range (default: the first marked range). */
  range?: Range;
}

/** Go to definition at the cursor lands on the marked range (or `expected`); null `expected` means no result. */
export async function expectDefinition(lsp: Lsp, marked: string, expected: ExpectedLocation | null = {}, opts: Common = {}): Promise<Location[]> {
  prepare(lsp, opts);
  return withDoc(lsp, marked, async (doc) => {
    const raw = (await lsp.connection.sendRequest("textDocument/definition", at(doc))) as Location | Location[] | LocationLink[] | null;
    const locs: Location[] = raw === null ? [] : (Array.isArray(raw) ? raw : [raw]).map((l) => ("targetUri" in l ? { uri: l.targetUri, range: l.targetSelectionRange } : l));
    if (expected === null) {
      expect(locs).toEqual([]);
      return locs;
    }
    expect(locs.length, "no definition").toBe(1);
    if (expected.uriEndsWith) expect(locs[0]!.uri.endsWith(expected.uriEndsWith), locs[0]!.uri).toBe(true);
    else expect(locs[0]!.uri).toBe(expected.uri ?? doc.uri);
    const range = expected.range ?? (expected.uri || expected.uriEndsWith ? undefined : doc.lspRanges[0]);
    if (range) expect(locs[0]!.range).toEqual(range);
    return locs;
  }, opts.name);
}

/** References at the cursor are exactly the marked ranges (in this document). */
export async function expectReferences(lsp: Lsp, marked: string, opts: Common & { includeDeclaration?: boolean } = {}): Promise<Location[]> {
  prepare(lsp, opts);
  return withDoc(lsp, marked, async (doc) => {
    const locs = ((await lsp.connection.sendRequest("textDocument/references", { ...at(doc), context: { includeDeclaration: opts.includeDeclaration ?? true } })) ?? []) as Location[];
    const here = sortRanges(locs.filter((l) => l.uri === doc.uri)).map((l) => l.range);
    expect(here).toEqual(doc.lspRanges);
    return locs;
  }, opts.name);
}

/**
 * Rename at the cursor to `newName` edits exactly the marked ranges of this
 * document; with `{ error }` the server must refuse with a message matching it.
 */
export async function expectRename(lsp: Lsp, marked: string, newName: string, opts: Common & { error?: RegExp } = {}): Promise<WorkspaceEdit | null> {
  prepare(lsp, opts);
  return withDoc(lsp, marked, async (doc) => {
    const request = lsp.connection.sendRequest("textDocument/rename", { ...at(doc), newName });
    if (opts.error) {
      await expect(request).rejects.toThrow(opts.error);
      return null;
    }
    const edit = (await request) as WorkspaceEdit | null;
    expect(edit, "no rename edit").not.toBeNull();
    const edits = collectEdits(edit!)[doc.uri] ?? [];
    expect(sortRanges(edits).map((e) => e.range)).toEqual(doc.lspRanges);
    for (const e of edits) expect(e.newText).toBe(newName);
    return edit;
  }, opts.name);
}

/** The edits of a WorkspaceEdit by URI (`changes` or `documentChanges`). */
export function collectEdits(edit: WorkspaceEdit): Record<string, TextEdit[]> {
  const out: Record<string, TextEdit[]> = { ...(edit.changes ?? {}) };
  for (const dc of edit.documentChanges ?? []) if ("edits" in dc) (out[dc.textDocument.uri] ??= []).push(...(dc.edits as TextEdit[]));
  return out;
}

// ---------------------------------------------------------------- symbols

export interface ExpectedSymbol {
  name: string;
  /** SymbolKind number; not checked when absent. */
  kind?: number;
  children?: ExpectedSymbol[];
}

/** The document's symbol tree matches `expected` (names, kinds where given, children where given). */
export async function expectSymbols(lsp: Lsp, marked: string, expected: ExpectedSymbol[], opts: Common = {}): Promise<DocumentSymbol[]> {
  prepare(lsp, opts);
  return withDoc(lsp, marked, async (doc) => {
    const syms = ((await lsp.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: doc.uri } })) ?? []) as DocumentSymbol[];
    const shape = (got: DocumentSymbol[], want: ExpectedSymbol[]): unknown[] =>
      got.map((s, i) => ({
        name: s.name,
        ...(want[i]?.kind !== undefined ? { kind: s.kind } : {}),
        ...(want[i]?.children ? { children: shape(s.children ?? [], want[i]!.children!) } : {}),
      }));
    expect(shape(syms, expected)).toEqual(expected);
    return syms;
  }, opts.name);
}

// ---------------------------------------------------------------- presentation

/**
 * Semantic tokens of the document, decoded with the server's legend as
 * `[text, type, ...modifiers]`; each marked range must be a token of the type
 * (and modifiers) given for it, in order. Returns all decoded tokens.
 */
export async function expectSemanticTokens(lsp: Lsp, marked: string, expected: string[][], opts: Common = {}): Promise<string[][]> {
  prepare(lsp, opts);
  return withDoc(lsp, marked, async (doc) => {
    const legend = lsp.initialize.capabilities.semanticTokensProvider!.legend;
    const r = (await lsp.connection.sendRequest("textDocument/semanticTokens/full", { textDocument: { uri: doc.uri } })) as SemanticTokens;
    const decoded: { start: number; row: string[] }[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < r.data.length; i += 5) {
      const [dl, dc, len, type, mods] = r.data.slice(i, i + 5) as [number, number, number, number, number];
      char = dl === 0 ? char + dc : dc;
      line += dl;
      const start = doc.offsetAt({ line, character: char });
      const names = legend.tokenModifiers.filter((_, b) => mods & (1 << b));
      decoded.push({ start, row: [doc.text.slice(start, start + len), legend.tokenTypes[type]!, ...names] });
    }
    const marked = doc.ranges.map((m) => decoded.find((d) => d.start === m.start)?.row ?? [doc.text.slice(m.start, m.end), "(no token)"]);
    expect(marked).toEqual(expected);
    return decoded.map((d) => d.row);
  }, opts.name);
}

/** Folding ranges of the document as `[startLine, endLine, kind?]`, compared with `expected` (sorted). */
export async function expectFolding(lsp: Lsp, text: string, expected: [number, number, string?][], opts: Common = {}): Promise<FoldingRange[]> {
  prepare(lsp, opts);
  return withDoc(lsp, text, async (doc) => {
    const r = ((await lsp.connection.sendRequest("textDocument/foldingRange", { textDocument: { uri: doc.uri } })) ?? []) as FoldingRange[];
    const got = r.map((f) => (f.kind ? [f.startLine, f.endLine, f.kind] : [f.startLine, f.endLine]));
    const key = (x: unknown[]) => JSON.stringify(x);
    expect(got.map(key).sort()).toEqual(expected.map((e) => key(e.filter((v) => v !== undefined))).sort());
    return r;
  }, opts.name);
}

// ---------------------------------------------------------------- editing features

/** Completion at the cursor offers every `includes` label and none of `excludes`. */
export async function expectCompletion(lsp: Lsp, marked: string, expected: { includes?: string[]; excludes?: string[] }, opts: Common = {}): Promise<CompletionItem[]> {
  prepare(lsp, opts);
  return withDoc(lsp, marked, async (doc) => {
    const raw = (await lsp.connection.sendRequest("textDocument/completion", at(doc))) as CompletionItem[] | CompletionList | null;
    const items = raw === null ? [] : Array.isArray(raw) ? raw : raw.items;
    const labels = items.map((i) => i.label);
    for (const l of expected.includes ?? []) expect(labels, `completion should offer ${l}`).toContain(l);
    for (const l of expected.excludes ?? []) expect(labels, `completion should not offer ${l}`).not.toContain(l);
    return items;
  }, opts.name);
}

/** Signature help at the cursor: the active signature's label contains `label`, and the active parameter. Null `expected`: no help. */
export async function expectSignatureHelp(lsp: Lsp, marked: string, expected: { label?: string; activeParameter?: number } | null, opts: Common = {}): Promise<SignatureHelp | null> {
  prepare(lsp, opts);
  return withDoc(lsp, marked, async (doc) => {
    const h = (await lsp.connection.sendRequest("textDocument/signatureHelp", at(doc))) as SignatureHelp | null;
    if (expected === null) {
      expect(h === null || h.signatures.length === 0).toBe(true);
      return h;
    }
    expect(h, "no signature help").not.toBeNull();
    const sig = h!.signatures[h!.activeSignature ?? 0]!;
    if (expected.label !== undefined) expect(sig.label).toContain(expected.label);
    if (expected.activeParameter !== undefined) expect(sig.activeParameter ?? h!.activeParameter).toBe(expected.activeParameter);
    return h;
  }, opts.name);
}

/** Formatting the document gives `expected` (the edits applied to the text). */
export async function expectFormatting(lsp: Lsp, text: string, expected: string, opts: Common & { options?: Partial<FormattingOptions> } = {}): Promise<TextEdit[]> {
  prepare(lsp, opts);
  return withDoc(lsp, text, async (doc) => {
    const options = { tabSize: 4, insertSpaces: true, ...opts.options };
    const edits = ((await lsp.connection.sendRequest("textDocument/formatting", { textDocument: { uri: doc.uri }, options })) ?? []) as TextEdit[];
    expect(applyEdits(doc, edits)).toBe(expected);
    return edits;
  }, opts.name);
}

/** Applies LSP text edits to a document's text (edits must not overlap). */
export function applyEdits(doc: Doc, edits: TextEdit[]): string {
  const byOffset = edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let text = doc.text;
  for (const e of byOffset) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}
