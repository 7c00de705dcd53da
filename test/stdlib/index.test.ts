// stdlib/index.ts finds and reads the std modules; every module analyses
// cleanly on its own and documents every declaration with `///` (hovers in
// the editor show these comments).
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { analyze } from "../../compiler/analyze.ts";
import { collectSources } from "../../compiler/index.ts";
import { STDLIB_DIR, readStd, stdFilePath, stdModules } from "../../stdlib/index.ts";

describe("stdlib/index.ts", () => {
  it("lists the modules, sorted", () => {
    const modules = stdModules();
    expect(modules).toEqual([...modules].sort());
    expect(modules).toEqual(expect.arrayContaining(["access", "governance", "system", "token"]));
  });

  it("maps a module name to its file in stdlib/, with or without .weft", () => {
    const dir = fileURLToPath(STDLIB_DIR);
    expect(stdFilePath("token")).toBe(`${dir}token.weft`);
    expect(stdFilePath("token.weft")).toBe(`${dir}token.weft`);
    expect(stdFilePath("a/b")).toBe(`${dir}a/b.weft`);
    expect(readStd("token")).toContain("interface Fungible");
    expect(readStd("token.weft")).toBe(readStd("token"));
  });

  it("refuses names a `std::` path cannot produce: parents, absolute paths, empty segments", () => {
    for (const bad of ["", "../package.json", "../README", "/etc/passwd", "a/../token", "./token", "a//b", "a\\b", "token.ts", "no-dash"]) {
      expect(stdFilePath(bad), bad).toBeUndefined();
      expect(readStd(bad), bad).toBeUndefined();
    }
    expect(readStd("no_such_module")).toBeUndefined();
  });

  it("is what collectSources reads for `use std::…`", () => {
    const sources = collectSources(["main.weft"], () => "use std::token::{Fungible};", readStd);
    expect(Object.keys(sources).sort()).toEqual(["main.weft", "std/token.weft"]);
    expect(sources["std/token.weft"]).toBe(readStd("token"));
  });
});

describe.each(stdModules())("std::%s", (module) => {
  const path = `std/${module}.weft`;
  const analysis = analyze(collectSources([path], () => undefined, readStd)); // with the std modules it uses
  const file = analysis.files.find((f) => f.path === path)!;

  it("analyses without diagnostics", () => {
    expect(analysis.diagnostics).toEqual([]);
  });

  it("has a doc comment on every declaration, interface function and contract function", () => {
    const undocumented: string[] = [];
    for (const item of file.items) {
      if (!item.docs || item.docs.length === 0) undocumented.push(item.name.name);
      if (item.kind === "Interface")
        for (const fn of item.fns) if (!fn.docs || fn.docs.length === 0) undocumented.push(`${item.name.name}.${fn.name.name}`);
      if (item.kind === "Contract")
        for (const m of item.members)
          if ((m.kind === "Fn" || m.kind === "Struct") && !m.docs) undocumented.push(`${item.name.name}.${m.name.name}`);
    }
    expect(file.items.length).toBeGreaterThan(0);
    expect(undocumented).toEqual([]);
  });
});
