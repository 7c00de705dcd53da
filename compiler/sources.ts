// Collects the sources a compilation needs: the given files plus, through
// their `import "./x.weft"` and `use std::…` declarations, everything they
// reach. IO is the caller's: `read` returns a file's text or undefined. The
// compiler itself stays pure; the CLI and the test chain pass a reader.
import { parse, type ParseResult } from "./syntax/index.ts";
import type { Sources } from "./analyze.ts";

export type ReadFile = (path: string) => string | undefined;

/** Normalises `a/./b/../c.weft` to `a/c.weft` (POSIX separators). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "." || part === "") continue;
    if (part === ".." && out.length && out[out.length - 1] !== "..") out.pop();
    else out.push(part);
  }
  return (path.startsWith("/") ? "/" : "") + out.join("/");
}

/** The path an import names, relative to the importing file. */
export function importTarget(from: string, spec: string): string {
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/")) : "";
  return normalizePath(spec.startsWith("/") ? spec : `${dir}/${spec}`);
}

/**
 * Loads `entries` and the files they import, transitively. Missing files are
 * left out; the resolver reports them with a span at the import.
 * `readStd(module)` gives the text of `std/<module>.weft`; `parseFile` lets a
 * caller with a parse cache (the language server) avoid parsing twice.
 */
export function collectSources(
  entries: string[],
  read: ReadFile,
  readStd: ReadFile = () => undefined,
  parseFile: (path: string, text: string) => ParseResult = parse,
): Sources {
  const sources: Sources = {};
  const queue = entries.map(normalizePath);
  while (queue.length) {
    const path = queue.shift()!;
    if (path in sources) continue;
    const text = path.startsWith("std/") ? readStd(path.slice(4)) : read(path);
    if (text === undefined) continue;
    sources[path] = text;
    for (const imp of parseFile(path, text).file.imports) {
      if (imp.source.kind === "file") queue.push(importTarget(path, imp.source.path));
      else queue.push(`std/${imp.source.segments.slice(1).map((s) => s.name).join("/")}.weft`);
    }
  }
  return sources;
}
