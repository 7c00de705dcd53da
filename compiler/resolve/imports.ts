// Step 2 of resolve: imports. `use std::a::{X, Y};` binds names declared at
// the top level of the source `std/a.weft`; `use std::a::*;` and
// `import "./lib.weft";` (relative to the importing file) bind all of them.
// Imports are not re-exported. A file's own declarations win over glob
// imports; an explicit import that clashes with one is an error.
import type * as ast from "../syntax/ast.ts";
import { closestMatch } from "../diagnostics/index.ts";
import type { ResolveContext, FileState } from "./context.ts";
import type { ScopeEntry, ImportUse } from "./scopes.ts";
import { joinRelative, modulePath } from "./paths.ts";

export function resolveImports(ctx: ResolveContext): void {
  for (const fs of ctx.files) {
    for (const imp of fs.file.imports) resolveImport(ctx, fs, imp);
  }
}

function resolveImport(ctx: ResolveContext, fs: FileState, imp: ast.ImportDecl): void {
  const target = findTarget(ctx, fs, imp);
  if (!target || target === fs) return;
  const display = imp.source.kind === "module" ? `the module \`${imp.source.segments.map((x) => x.name).join("::")}\`` : `\`${target.path}\``;
  if (imp.names === "*") {
    const use: ImportUse = { span: imp.span, used: false };
    fs.importUses.push(use);
    for (const [name, entry] of target.items.ownEntries()) {
      if (entry.kind !== "item") continue;
      if (fs.items.own(name)) continue; // the file's own declaration shadows a glob import
      bind(ctx, fs, name, entry, use, imp.span);
    }
    return;
  }
  for (const ident of imp.names) {
    const entry = target.items.own(ident.name);
    if (!entry || entry.kind !== "item") {
      const names = target.items.ownEntries().map(([n]) => n);
      const guess = closestMatch(ident.name, names);
      ctx.report("E0204", ident.span, `${display} declares no \`${ident.name}\``, {
        label: "not found in the imported module",
        help: guess ? `did you mean \`${guess}\`?` : `it declares: ${names.map((n) => `\`${n}\``).join(", ") || "nothing"}`,
        fixes: guess ? [{ title: `replace with \`${guess}\``, span: ident.span, replacement: guess }] : [],
      });
      continue;
    }
    const own = fs.items.own(ident.name);
    if (own) {
      ctx.report("E0205", ident.span, `the import of \`${ident.name}\` clashes with a declaration of this file`, {
        secondary: [{ span: own.declSpan, message: `\`${ident.name}\` declared here` }],
        help: "rename the local declaration, or do not import this name",
      });
      continue;
    }
    const use: ImportUse = { span: ident.span, used: false };
    fs.importUses.push(use);
    bind(ctx, fs, ident.name, entry, use, ident.span);
  }
}

/** The file an import names, or null (reported) when it is not among the sources. */
function findTarget(ctx: ResolveContext, fs: FileState, imp: ast.ImportDecl): FileState | null {
  if (imp.source.kind === "file") {
    const path = joinRelative(fs.path, imp.source.path);
    const target = ctx.fileByPath.get(path);
    if (!target) {
      const guess = closestMatch(path, [...ctx.fileByPath.keys()].filter((p) => p !== fs.path));
      ctx.report("E0203", imp.source.pathSpan, `cannot find the file \`${imp.source.path}\``, {
        label: `looked for \`${path}\``,
        help: guess
          ? `did you mean \`${guess}\`? (paths are relative to the importing file)`
          : "file imports are relative to the importing file; check the path",
      });
    }
    return target ?? null;
  }
  const segs = imp.source.segments;
  if (segs.length === 0) return null;
  const path = modulePath(segs.map((s) => s.name));
  const target = ctx.fileByPath.get(path);
  if (!target) {
    const span = { file: segs[0]!.span.file, start: segs[0]!.span.start, end: segs[segs.length - 1]!.span.end };
    const display = segs.map((s) => s.name).join("::");
    const modules = [...ctx.fileByPath.keys()].filter((p) => p.endsWith(".weft")).map((p) => p.slice(0, -5).split("/").join("::"));
    const guess = closestMatch(display, modules);
    ctx.report("E0203", span, `cannot find the module \`${display}\``, {
      label: `no source \`${path}\``,
      help: guess ? `did you mean \`${guess}\`?` : `\`use ${display}::…\` reads the source \`${path}\`; it was not given to the compiler`,
      fixes: guess ? [{ title: `replace with \`${guess}\``, span, replacement: guess }] : [],
    });
  }
  return target ?? null;
}

function bind(ctx: ResolveContext, fs: FileState, name: string, entry: ScopeEntry & { kind: "item" }, use: ImportUse, at: ast.Span): void {
  const existing = fs.imports.own(name);
  if (existing && existing.kind === "item") {
    if (existing.symbol.info === entry.symbol.info) return; // the same declaration twice: harmless
    ctx.report("E0205", at, `\`${name}\` is imported from two different places`, {
      secondary: [
        { span: existing.via?.span ?? existing.declSpan, message: "first imported here" },
        { span: entry.declSpan, message: "the second declaration" },
      ],
      help: "import only one of them (list the names you need instead of `*`)",
    });
    return;
  }
  fs.imports.define(name, { kind: "item", symbol: entry.symbol, declSpan: entry.declSpan, via: use });
}
