// The test client for the language server, in the spirit of Langium's
// langium-test: each test file talks to one real `weft lsp --stdio` child
// process over real JSON-RPC (see helpers.ts for the expect… helpers built
// on it). Test texts carry markers:
//   <|>        the cursor (one per text)
//   <|…|>      an expected range (any number; in source order)
// `useLsp()` starts the server in beforeAll and stops it in afterAll;
// `open()` gives each document a unique file:// URI in a temporary folder.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll } from "vitest";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type Diagnostic,
  type InitializeResult,
  type Position,
  type Range,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
/** The std modules' folder as the server sees it. */
export const stdlibUri = pathToFileURL(join(repoRoot, "stdlib")).href + "/";

// ---------------------------------------------------------------- markers

export interface Marked {
  /** The text without markers. */
  text: string;
  /** Offset of `<|>`, if present. */
  cursor: number | undefined;
  /** Offsets of each `<|…|>`, in order. */
  ranges: { start: number; end: number }[];
}

export function parseMarkers(marked: string): Marked {
  let text = "";
  let cursor: number | undefined;
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (let i = 0; i < marked.length; ) {
    if (marked.startsWith("<|>", i)) {
      cursor = text.length;
      i += 3;
    } else if (marked.startsWith("<|", i)) {
      open.push(text.length);
      i += 2;
    } else if (marked.startsWith("|>", i) && open.length) {
      ranges.push({ start: open.pop()!, end: text.length });
      i += 2;
    } else text += marked[i++];
  }
  ranges.sort((a, b) => a.start - b.start);
  return { text, cursor, ranges };
}

// ---------------------------------------------------------------- the client

export interface Doc {
  uri: string;
  text: string;
  version: number;
  cursor: number | undefined;
  ranges: { start: number; end: number }[];
  /** The cursor as an LSP position (throws if the text had no `<|>`). */
  position: Position;
  /** The marked ranges as LSP ranges. */
  lspRanges: Range[];
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

export interface Lsp {
  connection: ProtocolConnection;
  initialize: InitializeResult;
  /** The temporary workspace folder. */
  dir: string;
  /** Server stderr so far (for failure messages). */
  stderr(): string;
  /** Writes a file into the workspace folder (not opened); returns its URI. */
  writeFile(name: string, text: string): string;
  /** Opens a (marked) text as a new document; `name` defaults to a unique one. */
  open(marked: string, name?: string): Promise<Doc>;
  /** Replaces a range (offsets) of an open document with `text` (incremental change). */
  edit(doc: Doc, start: number, end: number, text: string): Promise<void>;
  close(doc: Doc): Promise<void>;
  /** The diagnostics the server publishes for `doc` at its current version. */
  diagnostics(doc: Doc): Promise<Diagnostic[]>;
}

const serverCommand = [join(repoRoot, "cli/bin/weft.js"), "lsp", "--stdio"];

/** Starts one server for the enclosing test file (beforeAll) and stops it (afterAll). */
export function useLsp(initializationOptions: Record<string, unknown> = { diagnosticsDelay: 20 }): Lsp {
  const lsp = {} as Lsp;
  let child: ChildProcess;
  const opened = new Set<Doc>();
  beforeAll(async () => {
    Object.assign(lsp, await startLsp(initializationOptions, opened));
    child = (lsp as Lsp & { child: ChildProcess }).child;
  }, 60_000);
  afterAll(async () => {
    if (!lsp.connection) return;
    for (const d of [...opened]) await lsp.close(d);
    try {
      await Promise.race([lsp.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await lsp.connection.sendNotification("exit");
    } catch {
      // the server is already gone
    }
    lsp.connection.dispose();
    if (child.exitCode === null) child.kill();
    rmSync(lsp.dir, { recursive: true, force: true });
  });
  return lsp;
}

let docCounter = 0;

async function startLsp(initializationOptions: Record<string, unknown>, opened: Set<Doc>): Promise<Lsp & { child: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), "weft-lsp-"));
  const child = spawn(process.execPath, serverCommand, { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, { version: number | undefined; diagnostics: Diagnostic[] }>();
  const waiters: (() => void)[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
    published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
    for (const w of waiters.splice(0)) w();
  });
  connection.onNotification("window/logMessage", (p: { message: string }) => (stderr += p.message + "\n"));
  connection.listen();
  const initialize = (await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "test" }],
    capabilities: {},
    initializationOptions,
  })) as InitializeResult;
  await connection.sendNotification("initialized", {});

  const lsp: Lsp & { child: ChildProcess } = {
    child,
    connection,
    initialize,
    dir,
    stderr: () => stderr,
    writeFile(name, text) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return pathToFileURL(path).href;
    },
    async open(marked, name) {
      const m = parseMarkers(marked);
      const uri = pathToFileURL(join(dir, name ?? `doc${++docCounter}.weft`)).href;
      const doc = makeDoc(uri, m, 1);
      opened.add(doc);
      await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "weft", version: 1, text: m.text } });
      return doc;
    },
    async edit(doc, start, end, text) {
      const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
      const next = makeDoc(doc.uri, { text: doc.text.slice(0, start) + text + doc.text.slice(end), cursor: undefined, ranges: [] }, doc.version + 1);
      Object.assign(doc, { text: next.text, version: next.version, positionAt: next.positionAt, offsetAt: next.offsetAt });
      await connection.sendNotification("textDocument/didChange", { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [{ range, text }] });
    },
    async close(doc) {
      if (!opened.delete(doc)) return;
      await connection.sendNotification("textDocument/didClose", { textDocument: { uri: doc.uri } });
    },
    async diagnostics(doc) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const p = published.get(doc.uri);
        if (p && p.version === doc.version) return p.diagnostics;
        if (Date.now() > deadline) throw new Error(`no diagnostics for ${doc.uri} v${doc.version}\nserver stderr:\n${stderr}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
  };
  return lsp;
}

function makeDoc(uri: string, m: Marked, version: number): Doc {
  const td = TextDocument.create(uri, "weft", version, m.text);
  return {
    uri,
    text: m.text,
    version,
    cursor: m.cursor,
    ranges: m.ranges,
    get position() {
      if (m.cursor === undefined) throw new Error("the test text has no <|> cursor");
      return td.positionAt(m.cursor);
    },
    lspRanges: m.ranges.map((r) => ({ start: td.positionAt(r.start), end: td.positionAt(r.end) })),
    positionAt: (o) => td.positionAt(o),
    offsetAt: (p) => td.offsetAt(p),
  };
}

/** Opens `marked`, runs `body`, closes the document whatever happens. */
export async function withDoc<T>(lsp: Lsp, marked: string, body: (doc: Doc) => Promise<T>, name?: string): Promise<T> {
  const doc = await lsp.open(marked, name);
  try {
    return await body(doc);
  } finally {
    await lsp.close(doc);
  }
}

/** Sorts locations/ranges for order-insensitive comparison. */
export function sortRanges<T extends { range: Range }>(xs: T[]): T[];
export function sortRanges(xs: Range[]): Range[];
export function sortRanges(xs: (Range | { range: Range })[]): (Range | { range: Range })[] {
  const r = (x: Range | { range: Range }) => ("range" in x ? x.range : x);
  return [...xs].sort((a, b) => r(a).start.line - r(b).start.line || r(a).start.character - r(b).start.character);
}


