// `weft lsp`: --help, the usage error without --stdio, and the command list.
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.ts";
import type { Io } from "../../cli/usage.ts";

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd: process.cwd() };
  const code = await main(argv, io);
  return { code, out, err };
}

describe("weft lsp", () => {
  it("prints help", async () => {
    const r = await run(["lsp", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Usage: weft lsp --stdio");
  });

  it("is a usage error without --stdio or with extra arguments", async () => {
    const r = await run(["lsp"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("weft lsp --stdio");
    expect((await run(["lsp", "--stdio", "x.weft"])).code).toBe(2);
    expect((await run(["lsp", "--tcp"])).code).toBe(2);
  });

  it("is listed in weft --help", async () => {
    expect((await run(["--help"])).out).toMatch(/lsp\s+run the language server \(--stdio\)/);
  });
});
