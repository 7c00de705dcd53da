// The Workspace in memory (no server): open/change/close, imports read
// through the reader callback, std modules, lazily shared snapshots, the
// parse cache re-parsing only what changed and never outgrowing the files.
import { describe, expect, it } from "vitest";
import { Workspace } from "../../lsp/server/workspace.ts";
import { nodeAt, symbolAt } from "../../lsp/server/query.ts";

const disk: Record<string, string> = {
  "/ws/lib.weft": "/// A point.\nstruct Point { x: u64, y: u64 }\n",
  "/std/shapes.weft": "struct Square { side: u64 }\n",
};
const make = () => new Workspace({ readFile: (p) => disk[p], stdDir: new URL("file:///std/") });

describe("Workspace", () => {
  it("analyses open documents with the files and std modules they import", () => {
    const ws = make();
    ws.open("file:///ws/a.weft", `import "./lib.weft";\nuse std::shapes::{Square};\ncontract C { state p: Point; state s: Square; }`, 1);
    const snap = ws.snapshot();
    expect(Object.keys(snap.sources).sort()).toEqual(["/ws/a.weft", "/ws/lib.weft", "std/shapes.weft"]);
    expect(snap.analysis.diagnostics).toEqual([]);
    expect(snap.uriOfPath("std/shapes.weft")).toBe("file:///std/shapes.weft");
    expect(snap.pathOfUri("file:///std/shapes.weft")).toBe("std/shapes.weft");
    expect(snap.docOf("file:///std/shapes.weft")?.readOnly).toBe(true);
    expect(snap.docOf("file:///ws/lib.weft")?.version).toBeNull();
  });

  it("reports a missing std module or file through the resolver", () => {
    const ws = make();
    ws.open("file:///ws/a.weft", `use std::nothing::{X};\nimport "./gone.weft";\ncontract C {}`, 1);
    const codes = ws.snapshot().analysis.diagnostics.map((d) => d.severity);
    expect(codes.filter((s) => s === "error").length).toBe(2);
  });

  it("keeps one snapshot until the next change, and applies incremental changes", () => {
    const ws = make();
    ws.open("file:///ws/a.weft", `contract C { state n: u64; }`, 1);
    const first = ws.snapshot();
    expect(ws.snapshot()).toBe(first);
    ws.change("file:///ws/a.weft", [{ range: { start: { line: 0, character: 19 }, end: { line: 0, character: 20 } }, text: "count" }], 2);
    const second = ws.snapshot();
    expect(second).not.toBe(first);
    expect(second.docOf("file:///ws/a.weft")?.text).toBe(`contract C { state count: u64; }`);
    expect(second.docOf("file:///ws/a.weft")?.version).toBe(2);
  });

  it("re-parses only the edited file", () => {
    const ws = make();
    ws.open("file:///ws/a.weft", `import "./lib.weft";\ncontract C { state p: Point; }`, 1);
    const libBefore = ws.snapshot().docOf("file:///ws/lib.weft")!.file;
    ws.change("file:///ws/a.weft", [{ text: `import "./lib.weft";\ncontract D { state p: Point; }` }], 2);
    expect(ws.snapshot().docOf("file:///ws/lib.weft")!.file).toBe(libBefore);
    ws.close("file:///ws/a.weft");
    expect(Object.keys(ws.snapshot().sources)).toEqual([]);
  });

  it("answers nodeAt and symbolAt with offsets in UTF-16", () => {
    const ws = make();
    const text = `import "./lib.weft";\ncontract C { /* 😀 */ state p: Point; }`;
    ws.open("file:///ws/a.weft", text, 1);
    const snap = ws.snapshot();
    const at = text.indexOf("Point") + 2;
    expect(nodeAt(snap, "file:///ws/a.weft", at)?.node.kind).toBe("Ident");
    const sym = symbolAt(snap, "file:///ws/a.weft", at)!;
    expect([sym.kind, sym.name, sym.docs, sym.nameSpan?.file]).toEqual(["struct", "Point", "A point.", "/ws/lib.weft"]);
    expect(snap.positionAt("file:///ws/a.weft", at)).toEqual({ line: 1, character: text.split("\n")[1]!.indexOf("Point") + 2 });
    expect(snap.offsetAt("file:///ws/a.weft", snap.positionAt("file:///ws/a.weft", at))).toBe(at);
  });

  it("answers with the URI the client used for an open document", () => {
    const ws = make();
    const uri = "file:///ws/a%2Bb.weft"; // node's pathToFileURL would write file:///ws/a+b.weft
    ws.open(uri, `contract C { state n: u64; }`, 1);
    const snap = ws.snapshot();
    expect(snap.pathOfUri(uri)).toBe("/ws/a+b.weft");
    const [path] = Object.keys(snap.sources);
    expect(snap.rangeOf({ file: path!, start: 0, end: 8 }).uri).toBe(uri);
  });
});
