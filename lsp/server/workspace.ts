// The language server's view of the world: the open documents (URI → text,
// version), the files on disk they import (read through a callback, so tests
// can run in memory), the std modules (`use std::x` → stdlib/x.weft at the
// repository root), and a lazily computed Snapshot of all of them after each
// change. Nothing here knows about LSP transport; server.ts drives it.
import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocument, type TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";
import { collectSources, normalizePath } from "../../compiler/sources.ts";
import { makeSnapshot, type Snapshot } from "./snapshot.ts";
import { ParseCache } from "./parse-cache.ts";

/** Reads a file of the workspace by absolute path; undefined when it does not exist. */
export type Reader = (path: string) => string | undefined;

export interface WorkspaceOptions {
  /** Reads files on disk (imports of open documents). Defaults to "nothing on disk". */
  readFile?: Reader;
  /** Folder holding the std modules (`std::x` → `<stdDir>/x.weft`). Defaults to the repository's stdlib/. */
  stdDir?: URL;
}

export interface OpenDocument {
  uri: string;
  version: number;
  doc: TextDocument;
}

/** The repository's stdlib/ folder (it may not exist: then every std module is "not found"). */
export const defaultStdDir = new URL("../../stdlib/", import.meta.url);

export class Workspace {
  private readonly docs = new Map<string, OpenDocument>();
  /** Compiler path → the URI of the open document with that path. */
  private readonly openPaths = new Map<string, string>();
  private readonly readFile: Reader;
  readonly stdDir: URL;
  private readonly stdPath: string;
  private current: Snapshot | null = null;
  private readonly parses = new ParseCache();
  /** Bumped on every change; a snapshot remembers the generation it was made from. */
  private generation = 0;

  constructor(options: WorkspaceOptions = {}) {
    this.readFile = options.readFile ?? (() => undefined);
    this.stdDir = options.stdDir ?? defaultStdDir;
    this.stdPath = normalizePath(fileURLToPath(this.stdDir)) + "/";
  }

  open(uri: string, text: string, version: number): void {
    this.docs.set(uri, { uri, version, doc: TextDocument.create(uri, "weft", version, text) });
    this.openPaths.set(this.pathOfUri(uri), uri);
    this.invalidate();
  }

  /** Applies incremental (or full) content changes in order. Unknown URIs are ignored. */
  change(uri: string, changes: TextDocumentContentChangeEvent[], version: number): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.doc = TextDocument.update(d.doc, changes, version);
    d.version = version;
    this.invalidate();
  }

  close(uri: string): void {
    if (!this.docs.delete(uri)) return;
    this.openPaths.delete(this.pathOfUri(uri));
    this.invalidate();
  }

  /** Files on disk changed (watched files): the next snapshot re-reads them. */
  filesChanged(): void {
    this.invalidate();
  }

  isOpen(uri: string): boolean {
    return this.docs.has(uri);
  }

  openUris(): string[] {
    return [...this.docs.keys()];
  }

  document(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  /** The analysis of every open document and what it imports; computed on first use after a change. */
  snapshot(): Snapshot {
    if (this.current) return this.current;
    const paths = new Map<string, string>(); // path → open document text
    for (const d of this.docs.values()) paths.set(this.pathOfUri(d.uri), d.doc.getText());
    const sources = collectSources(
      [...paths.keys()],
      (p) => paths.get(p) ?? this.readFile(p),
      (m) => this.readFile(this.stdPath + m),
      (p, text) => this.parses.parse(p, text),
    );
    const analysis = this.parses.analyze(sources);
    this.current = makeSnapshot({
      generation: this.generation,
      analysis,
      sources,
      versions: new Map([...this.docs.values()].map((d) => [d.uri, d.version])),
      uriOfPath: (p) => this.uriOfPath(p),
      pathOfUri: (u) => this.pathOfUri(u),
    });
    return this.current;
  }

  /** An open document's own URI (as the client spells it); `std/x.weft` → the stdlib file's URI; an absolute path → its file:// URI; anything else is already a URI. */
  uriOfPath(path: string): string {
    const open = this.openPaths.get(path);
    if (open) return open;
    if (path.startsWith("std/")) return new URL(path.slice(4), this.stdDir).href;
    if (path.startsWith("/")) return pathToFileURL(path).href;
    return path;
  }

  /** The inverse of uriOfPath: a stdlib file is `std/x.weft`, a file:// URI its absolute path. */
  pathOfUri(uri: string): string {
    if (!uri.startsWith("file:")) return uri;
    const p = normalizePath(fileURLToPath(uri));
    return p.startsWith(this.stdPath) ? "std/" + p.slice(this.stdPath.length) : p;
  }

  private invalidate(): void {
    this.generation++;
    this.current = null;
  }
}
