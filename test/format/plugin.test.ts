// The prettier plugin as prettier's users meet it: through prettier's API
// (with options), and through the prettier CLI with `--plugin=./lsp/format/plugin.mjs`.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prettier from "prettier";
import plugin from "../../lsp/format/plugin.ts";
import { WeftSyntaxError } from "../../lsp/format/parse.ts";

const repo = new URL("../../", import.meta.url).pathname;
const messy = "contract A{fn f(){let total=first+second;}}\n";
const tidy = "contract A {\n    fn f() {\n        let total = first + second;\n    }\n}\n";

describe("prettier plugin", () => {
  it("formats through prettier's API with the Weft defaults (4 spaces)", async () => {
    expect(await prettier.format(messy, { parser: "weft", plugins: [plugin] })).toBe(tidy);
  });

  it("is found by file name (.weft) and honours printWidth", async () => {
    const out = await prettier.format(messy, { filepath: "a.weft", plugins: [plugin], printWidth: 30 });
    expect(out).toBe("contract A {\n    fn f() {\n        let total =\n            first + second;\n    }\n}\n");
  });

  it("refuses a file with a syntax error, naming the code and the position", async () => {
    const text = "contract A {\n    fn f() {\n        let x = ;\n    }\n}\n";
    const err = await prettier.format(text, { filepath: "bad.weft", plugins: [plugin] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeftSyntaxError);
    const e = err as WeftSyntaxError;
    expect(e.code).toBe("E0110");
    expect(e.loc.start).toEqual({ line: 3, column: 17 });
    expect(e.message).toContain("bad.weft:3:17: error[E0110]");
  });

  it("works from the prettier CLI through plugin.mjs", () => {
    const dir = mkdtempSync(join(tmpdir(), "weft-prettier-"));
    const file = join(dir, "a.weft");
    writeFileSync(file, messy);
    const prettierBin = join(repo, "node_modules/prettier/bin/prettier.cjs");
    const cli = (...args: string[]) => execFileSync(process.execPath, [prettierBin, "--plugin=./lsp/format/plugin.mjs", ...args], { cwd: repo, encoding: "utf8", stdio: "pipe" });
    expect(() => cli("--check", file)).toThrow();
    cli("--write", file);
    expect(readFileSync(file, "utf8")).toBe(tidy);
    cli("--check", file);
  });
});
