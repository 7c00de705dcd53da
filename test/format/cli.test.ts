// `weft fmt` through main(), on files in a temporary folder.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/main.ts";
import type { Io } from "../../cli/usage.ts";

function run(argv: string[], cwd: string) {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd };
  return main(["fmt", ...argv], io).then((code) => ({ code, out, err }));
}

const messy = "contract A{state x:u8;fn f(){let y=1;}}\n";
const tidy = "contract A {\n    state x: u8;\n    fn f() {\n        let y = 1;\n    }\n}\n";
const broken = "contract B {\n    fn f() {\n        let y = ;\n    }\n}\n";

/** A folder with a messy file, a tidy one and one in a sub-folder. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "weft-fmt-"));
  writeFileSync(join(dir, "messy.weft"), messy);
  writeFileSync(join(dir, "tidy.weft"), tidy);
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "sub", "deep.weft"), messy);
  writeFileSync(join(dir, "sub", "notes.txt"), "not weft {");
  return dir;
}

describe("weft fmt", () => {
  it("rewrites the files that change, in place, and lists them", async () => {
    const dir = workspace();
    const r = await run(["messy.weft", "tidy.weft"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe("messy.weft\n");
    expect(readFileSync(join(dir, "messy.weft"), "utf8")).toBe(tidy);
    expect(readFileSync(join(dir, "tidy.weft"), "utf8")).toBe(tidy);
  });

  it("walks folders for .weft files only", async () => {
    const dir = workspace();
    const r = await run(["."], dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe("messy.weft\nsub/deep.weft\n");
    expect(readFileSync(join(dir, "sub", "deep.weft"), "utf8")).toBe(tidy);
    expect(readFileSync(join(dir, "sub", "notes.txt"), "utf8")).toBe("not weft {");
  });

  it("--check lists what would change, changes nothing and exits 1", async () => {
    const dir = workspace();
    const r = await run(["--check", "."], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe("messy.weft\nsub/deep.weft\n");
    expect(readFileSync(join(dir, "messy.weft"), "utf8")).toBe(messy);
  });

  it("--check exits 0 when everything is formatted", async () => {
    const dir = workspace();
    const r = await run(["--check", "tidy.weft"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
  });

  it("reports a syntax error as weft check does, leaves that file alone and formats the others", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "broken.weft"), broken);
    const r = await run(["broken.weft", "messy.weft"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("error[E0110]");
    expect(r.err).toContain("broken.weft:3:17");
    expect(r.err).toContain("let y = ;");
    expect(readFileSync(join(dir, "broken.weft"), "utf8")).toBe(broken);
    expect(r.out).toBe("messy.weft\n");
    expect(readFileSync(join(dir, "messy.weft"), "utf8")).toBe(tidy);
  });

  it("a missing path or no path at all is a usage error (exit 2)", async () => {
    const dir = workspace();
    const missing = await run(["nowhere.weft"], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("no such file or folder: nowhere.weft");
    const none = await run([], dir);
    expect(none.code).toBe(2);
    expect(none.err).toContain("weft fmt --help");
  });
});
