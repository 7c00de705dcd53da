// "Import it" fixes for an unknown name: the std modules (stdlib/*.weft) and
// the other .weft files of the workspace (those in the snapshot, and those
// beside the document on disk) that declare it at their top level. The edit
// adds the name to an existing `use std::m::{…}` list, or inserts a new
// `use std::m::{Name};` / `import "./file.weft";` after the file's imports.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { TextEdit } from "vscode-languageserver";
import type * as ast from "../../../compiler/syntax/ast.ts";
import { parse } from "../../../compiler/syntax/index.ts";
import { joinRelative } from "../../../compiler/resolve/paths.ts";
import { stdModules } from "../../../stdlib/index.ts";
import type { DocInfo, Snapshot } from "../snapshot.ts";
import { moduleDecls } from "./completion-paths.ts";

export interface ImportFix {
  title: string;
  edit: TextEdit;
}

export function importFixes(snapshot: Snapshot, doc: DocInfo, name: string): ImportFix[] {
  const file = doc.file;
  if (!file || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return [];
  const out: ImportFix[] = [];
  for (const m of safeStdModules()) {
    if (!moduleDecls(snapshot.analysis, m).some((d) => d.name.name === name)) continue;
    out.push(stdFix(doc, file, m.split("/"), name));
  }
  for (const [path, items] of workspaceFiles(snapshot, doc)) {
    if (!items.some((d) => d.name.name === name)) continue;
    const spec = importSpec(doc.path, path);
    if (file.imports.some((imp) => imp.source.kind === "file" && joinRelative(doc.path, imp.source.path) === path)) continue;
    out.push({ title: `Import \`${name}\` from "${spec}"`, edit: insertImport(doc, file, `import "${spec}";`) });
  }
  return out;
}

function stdFix(doc: DocInfo, file: ast.SourceFile, module: string[], name: string): ImportFix {
  const display = ["std", ...module].join("::");
  const title = `Import \`${name}\` from ${display}`;
  const existing = file.imports.find(
    (imp) => imp.source.kind === "module" && imp.names !== "*" && imp.names.length > 0 && imp.source.segments.map((s) => s.name).join("::") === display,
  );
  if (existing && existing.names !== "*") {
    const names = existing.names;
    const lastName = names[names.length - 1]!;
    const after = doc.text.slice(lastName.span.end, existing.span.end);
    if (/^\s*,?\s*\}/.test(after)) return { title, edit: { range: rangeAt(doc, lastName.span.end, lastName.span.end), newText: `, ${name}` } };
    // `use std::m::A;` → `use std::m::{A, Name};`
    const start = names[0]!.span.start;
    const list = [...names.map((n) => n.name), name].join(", ");
    return { title, edit: { range: rangeAt(doc, start, lastName.span.end), newText: `{${list}}` } };
  }
  return { title, edit: insertImport(doc, file, `use ${display}::{${name}};`) };
}

/** Inserts a line after the last import (or at the top of the file, followed by a blank line). */
function insertImport(doc: DocInfo, file: ast.SourceFile, line: string): TextEdit {
  const last = file.imports[file.imports.length - 1];
  if (!last) return { range: rangeAt(doc, 0, 0), newText: `${line}\n\n` };
  return { range: rangeAt(doc, last.span.end, last.span.end), newText: `\n${line}` };
}

function rangeAt(doc: DocInfo, start: number, end: number) {
  return { start: doc.lines.positionAt(start), end: doc.lines.positionAt(end) };
}

function safeStdModules(): string[] {
  try {
    return stdModules();
  } catch {
    return [];
  }
}

/** `./lib.weft` for a file beside `from`, `../x/lib.weft` elsewhere. */
function importSpec(from: string, target: string): string {
  const rel = relative(dirname(from), target).split("\\").join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

const diskCache = new Map<string, { text: string; items: ast.Item[] }>();

/** Other .weft files: the snapshot's (not std) and, for a document on disk, the ones in its folder. */
function workspaceFiles(snapshot: Snapshot, doc: DocInfo): Map<string, ast.Item[]> {
  const out = new Map<string, ast.Item[]>();
  for (const d of snapshot.docs()) if (d.path !== doc.path && !d.path.startsWith("std/") && d.file) out.set(d.path, d.file.items);
  if (!doc.path.startsWith("/")) return out;
  const dir = dirname(doc.path);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".weft"));
  } catch {
    return out;
  }
  for (const n of names) {
    const path = join(dir, n);
    if (path === doc.path || out.has(path)) continue;
    try {
      const text = readFileSync(path, "utf8");
      const hit = diskCache.get(path);
      const items = hit && hit.text === text ? hit.items : parse(path, text).file.items;
      diskCache.set(path, { text, items });
      out.set(path, items);
    } catch {
      // unreadable: skip
    }
  }
  return out;
}
