// A Snapshot: one consistent analysis of the workspace (open documents, the
// files they import, std modules) and the conversions every feature needs
// between compiler spans ({ file, start, end } UTF-16 offsets) and LSP
// positions (UTF-16 line/character), URIs and compiler paths.
import type { Position, Range } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Analysis, Sources } from "../../compiler/analyze.ts";
import type { SourceFile, Span } from "../../compiler/syntax/ast.ts";

/** One file of the snapshot: an open document, a file on disk or a std module. */
export interface DocInfo {
  uri: string;
  /** The compiler's name for the file (key of `sources`, `span.file`). */
  path: string;
  text: string;
  /** The editor's version for open documents; null for files read from disk. */
  version: number | null;
  /** Its AST (undefined only if the parser crashed). */
  file: SourceFile | undefined;
  /** std modules are read-only (rename refuses them). */
  readOnly: boolean;
  /** Line index for offset ↔ position. */
  lines: TextDocument;
}

export interface Snapshot {
  /** Increases with every workspace change. */
  generation: number;
  analysis: Analysis;
  sources: Sources;
  /** Any file of the snapshot by URI; undefined if it is not part of it. */
  docOf(uri: string): DocInfo | undefined;
  /** The same by compiler path. */
  docOfPath(path: string): DocInfo | undefined;
  /** Every file of the snapshot (open or not). */
  docs(): DocInfo[];
  uriOfPath(path: string): string;
  pathOfUri(uri: string): string | undefined;
  /** LSP position → offset in the file (clamped to the text). 0 for an unknown URI. */
  offsetAt(uri: string, position: Position): number;
  /** Offset → LSP position. */
  positionAt(uri: string, offset: number): Position;
  /** A compiler span as an LSP location. */
  rangeOf(span: Span): { uri: string; range: Range };
}

export interface SnapshotParts {
  generation: number;
  analysis: Analysis;
  sources: Sources;
  /** Versions of the open documents. */
  versions: Map<string, number>;
  uriOfPath(path: string): string;
  pathOfUri(uri: string): string;
}

export function makeSnapshot(parts: SnapshotParts): Snapshot {
  const { analysis, sources } = parts;
  const byPath = new Map<string, DocInfo>();
  const byUri = new Map<string, DocInfo>();
  const astOf = new Map(analysis.files.map((f) => [f.path, f]));

  const docOfPath = (path: string): DocInfo | undefined => {
    const cached = byPath.get(path);
    if (cached) return cached;
    const text = sources[path];
    if (text === undefined) return undefined;
    const uri = parts.uriOfPath(path);
    let lines: TextDocument | undefined;
    const info: DocInfo = {
      uri,
      path,
      text,
      version: parts.versions.get(uri) ?? null,
      file: astOf.get(path),
      readOnly: path.startsWith("std/"),
      get lines() {
        return (lines ??= TextDocument.create(uri, "weft", 0, text));
      },
    };
    byPath.set(path, info);
    byUri.set(uri, info);
    return info;
  };
  const docOf = (uri: string): DocInfo | undefined => byUri.get(uri) ?? docOfPath(parts.pathOfUri(uri));

  return {
    generation: parts.generation,
    analysis,
    sources,
    docOf,
    docOfPath,
    docs: () => Object.keys(sources).map((p) => docOfPath(p)!),
    uriOfPath: parts.uriOfPath,
    pathOfUri: (uri) => (docOf(uri) ? parts.pathOfUri(uri) : undefined),
    offsetAt: (uri, position) => docOf(uri)?.lines.offsetAt(position) ?? 0,
    positionAt: (uri, offset) => docOf(uri)?.lines.positionAt(offset) ?? { line: 0, character: 0 },
    rangeOf(span) {
      const d = docOfPath(span.file);
      if (!d) return { uri: parts.uriOfPath(span.file), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
      return { uri: d.uri, range: { start: d.lines.positionAt(span.start), end: d.lines.positionAt(span.end) } };
    },
  };
}
