// The language server's view of the world: the open documents (URI → text,
// version), the files on disk they import (read through a callback, so tests
// can run in memory), the std modules (`use std::x` → stdlib/x.weft at the
// repository root), and a lazily computed Snapshot of all of them after each
// change. It also keeps the last snapshot and, per document, the region
// edited since (lastSnapshot), for completion to answer without waiting for
// re-analysis. Nothing here knows about LSP transport; server.ts drives it.
import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocument, type TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";
import { collectSources, normalizePath } from "../../compiler/sources.ts";
import { makeSnapshot, type Snapshot } from "./snapshot.ts";
import { ParseCache } from "./parse-cache.ts";
import { STDLIB_DIR } from "../../stdlib/index.ts";

/** Reads a file of the workspace by absolute path; undefined when it does not exist. */
export type Reader = (path: string) => string | undefined;

export interface WorkspaceOptions {
  /** Reads files on disk (imports of open documents). Defaults to "nothing on disk". */
  readFile?: Reader;
  /** Folder holding the std modules (`std::x` → `<stdDir>/x.weft`). Defaults to the repository's stdlib/. */
  stdDir?: URL;
}

/**
 * What changed in one document since the last snapshot, as one region: the
 * text before `start` is unchanged, and the old text from `staleEnd` on now
 * starts at `end` (offsets after the region moved by `end - staleEnd`).
 */
export interface DirtyRegion {
  start: number;
  /** End of the replaced region in the snapshot's text. */
  staleEnd: number;
  /** End of the region in the current text. */
  end: number;
}

/** The last snapshot while only one document was edited since (requests that can work from it: completion). */
export interface StaleView {
  snapshot: Snapshot;
  /** The document's current text. */
  doc: TextDocument;
  /** null: the document did not change since the snapshot. */
  dirty: DirtyRegion | null;
}

export interface OpenDocument {
  uri: string;
  version: number;
  doc: TextDocument;
}


export class Workspace {
  private readonly docs = new Map<string, OpenDocument>();
  /** Compiler path → the URI of the open document with that path. */
  private readonly openPaths = new Map<string, string>();
  private readonly readFile: Reader;
  readonly stdDir: URL;
  private readonly stdPath: string;
  private current: Snapshot | null = null;
  /** The last snapshot computed (kept after changes), with the regions edited since, per URI ("all": replaced wholesale). */
  private last: Snapshot | null = null;
  private readonly dirty = new Map<string, DirtyRegion | "all">();
  /** False once a document was opened or closed or files on disk changed since `last`. */
  private lastUsable = false;
  /** Analyses run so far (tests check that a request answered without one). */
  analyses = 0;
  private readonly parses = new ParseCache();
  /** Bumped on every change; a snapshot remembers the generation it was made from. */
  private generation = 0;

  constructor(options: WorkspaceOptions = {}) {
    this.readFile = options.readFile ?? (() => undefined);
    this.stdDir = options.stdDir ?? STDLIB_DIR; // the repository's stdlib/ (stdlib/index.ts)
    this.stdPath = normalizePath(fileURLToPath(this.stdDir)) + "/";
  }

  open(uri: string, text: string, version: number): void {
    this.docs.set(uri, { uri, version, doc: TextDocument.create(uri, "weft", version, text) });
    this.openPaths.set(this.pathOfUri(uri), uri);
    this.invalidate();
    this.lastUsable = false;
  }

  /** Applies incremental (or full) content changes in order. Unknown URIs are ignored. */
  change(uri: string, changes: TextDocumentContentChangeEvent[], version: number): void {
    const d = this.docs.get(uri);
    if (!d) return;
    for (const change of changes) {
      if ("range" in change) this.recordEdit(uri, d.doc.offsetAt(change.range.start), d.doc.offsetAt(change.range.end), change.text.length);
      else this.dirty.set(uri, "all");
      d.doc = TextDocument.update(d.doc, [change], version);
    }
    d.version = version;
    this.invalidate();
  }

  close(uri: string): void {
    if (!this.docs.delete(uri)) return;
    this.openPaths.delete(this.pathOfUri(uri));
    this.invalidate();
    this.lastUsable = false;
  }

  /** Files on disk changed (watched files): the next snapshot re-reads them. */
  filesChanged(): void {
    this.invalidate();
    this.lastUsable = false;
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
    this.analyses++;
    this.current = makeSnapshot({
      generation: this.generation,
      analysis,
      sources,
      versions: new Map([...this.docs.values()].map((d) => [d.uri, d.version])),
      uriOfPath: (p) => this.uriOfPath(p),
      pathOfUri: (u) => this.pathOfUri(u),
    });
    this.last = this.current;
    this.dirty.clear();
    this.lastUsable = true;
    return this.current;
  }

  /**
   * The current snapshot if there is one; else the last one, when `uri` is
   * open and the only change since was edits to it (never re-analyses).
   * Undefined when that is not so: the caller takes `snapshot()`.
   */
  lastSnapshot(uri: string): StaleView | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    if (this.current) return { snapshot: this.current, doc: d.doc, dirty: null };
    if (!this.last || !this.lastUsable) return undefined;
    for (const [u, r] of this.dirty) if (u !== uri || r === "all") return undefined;
    const dirty = this.dirty.get(uri);
    return { snapshot: this.last, doc: d.doc, dirty: dirty && dirty !== "all" ? dirty : null };
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

  /** Grows the document's dirty region by an edit of [start, end) (current offsets) replaced by `length` characters. */
  private recordEdit(uri: string, start: number, end: number, length: number): void {
    const r = this.dirty.get(uri);
    if (r === "all") return;
    if (!r) {
      this.dirty.set(uri, { start, staleEnd: end, end: start + length });
      return;
    }
    this.dirty.set(uri, {
      start: Math.min(r.start, start),
      staleEnd: r.staleEnd + Math.max(0, end - r.end),
      end: Math.max(r.end, end) + length - (end - start),
    });
  }

  private invalidate(): void {
    this.generation++;
    this.current = null;
  }
}
