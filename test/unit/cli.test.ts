// The `weft` command through its main(), with captured output.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../cli/main.ts";
import type { Io } from "../../cli/usage.ts";
import { TestChain } from "../../runtime/index.ts";
import { engine as WebAssembly } from "../../vm/wasm/engine.ts";

const repo = resolve(new URL("../..", import.meta.url).pathname);

function run(argv: string[], cwd = repo) {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd };
  return main(argv, io).then((code) => ({ code, out, err }));
}

/** Imports for instantiating a module without running it: host functions that must not be called. */
function stubImports(wasm: Uint8Array) {
  const bcos: Record<string, unknown> = {};
  for (const imp of WebAssembly.Module.imports(new WebAssembly.Module(wasm))) {
    expect(imp.module).toBe("bcos");
    bcos[imp.name] =
      imp.kind === "global"
        ? new WebAssembly.Global({ value: "i64", mutable: true }, 0n)
        : () => {
            throw new Error(`host function ${imp.name} called`);
          };
  }
  return { bcos };
}

/** hash_type() of a module. */
function hashType(wasm: Uint8Array): number {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(wasm), stubImports(wasm));
  return (inst.exports.hash_type as () => number)();
}

describe("weft build", () => {
  it("writes the module and the ABI; --crypto sm changes hash_type and the dispatch", async () => {
    const out = mkdtempSync(join(tmpdir(), "weft-cli-"));
    const r = await run(["build", "examples/token.weft", "-o", join(out, "k")]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("built Token");
    const wasm = new Uint8Array(readFileSync(join(out, "k/Token.wasm")));
    expect(WebAssembly.validate(wasm)).toBe(true);
    expect(Object.keys(new WebAssembly.Instance(new WebAssembly.Module(wasm), stubImports(wasm)).exports).sort()).toEqual(["deploy", "hash_type", "main", "memory"]);
    expect(hashType(wasm)).toBe(0);
    const abi = JSON.parse(readFileSync(join(out, "k/Token.abi.json"), "utf8"));
    const transfer = abi.find((e: { name?: string }) => e.name === "transfer");
    expect(transfer.selector).toHaveLength(2);

    const sm = await run(["build", "examples/token.weft", "-o", join(out, "s"), "--crypto", "sm", "-O", "--wat"]);
    expect(sm.code).toBe(0);
    const smWasm = new Uint8Array(readFileSync(join(out, "s/Token.wasm")));
    expect(hashType(smWasm)).toBe(1);
    expect(readFileSync(join(out, "s/Token.wat"), "utf8")).toContain("(export \"main\"");
    // The SM module dispatches on SM3 selectors: it runs on an SM chain; the keccak module is refused there.
    const abiSm = JSON.parse(readFileSync(join(out, "s/Token.abi.json"), "utf8"));
    const smChain = await TestChain.create({ crypto: "sm" });
    const token = await smChain.deploy({ name: "Token", wasm: smWasm, abi: abiSm }, ["T", "T", 5n]);
    expect(await token.call("balanceOf", [smChain.accounts.alice])).toBe(5n);
    const refused = await smChain.deployRaw({ name: "Token", wasm, abi }, new Uint8Array([8, 84, 8, 84, ...new Uint8Array(32)]));
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/hash_type/);
  });

  it("prints coded diagnostics with the source line and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weft-cli-"));
    writeFileSync(join(dir, "bad.weft"), "contract C {\n    pub fn f() -> u256 {\n        return 1\n    }\n}\n");
    const r = await run(["build", "bad.weft", "-o", "out"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[E0\d{3}\]/);
    expect(r.err).toContain("3 |         return 1");
    expect(r.err).toContain("^");
    expect(existsSync(join(dir, "out"))).toBe(false);

    const j = await run(["check", "bad.weft", "--json"], dir);
    expect(j.code).toBe(1);
    const parsed = JSON.parse(j.out);
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: "error", file: "bad.weft", start: { line: 3 } });
  });

  it("checks clean files with exit 0", async () => {
    const r = await run(["check", "examples/token.weft", "examples/evidence.weft", "examples/reconciliation.weft"]);
    expect(r.err).toContain("0 error(s)");
    expect(r.code).toBe(0);
  });
});

describe("usage", () => {
  it.each([
    [["build"], /no input files/],
    [["build", "--crypto", "rsa", "examples/token.weft"], /--crypto must be keccak or sm/],
    [["build", "--frobnicate", "x.weft"], /Unknown option/],
    [["check", "does-not-exist.weft"], /no such file/],
    [["check", "examples"], /is a folder/],
    [["launch"], /unknown command/],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain("--help");
  });

  it.each([["build"], ["check"]])("weft %s --help", async (cmd) => {
    const r = await run([cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: weft ${cmd}`);
  });

  it("weft --help lists the commands", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/build[\s\S]*check/);
  });
});
