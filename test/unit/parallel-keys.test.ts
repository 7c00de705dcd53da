// conflictFields as the ABI carries them (docs/conflict-fields.md): the
// token's keys, the SCALE bytes of constant keys (checked against the VM's
// codec), and `weft build --explain-parallel`.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compile, type AbiFunction } from "../../compiler/index.ts";
import { scaleOfConst } from "../../compiler/effects/scale.ts";
import type { ConstValue, Type } from "../../compiler/types/model.ts";
import * as vmAbi from "../../vm/abi/index.ts";
import { main } from "../../cli/main.ts";
import type { Io } from "../../cli/usage.ts";

const repo = resolve(new URL("../..", import.meta.url).pathname);
const tokenSource = readFileSync(join(repo, "examples/token.weft"), "utf8");

function functions(sources: Record<string, string>, contract: string): Map<string, AbiFunction> {
  const r = compile({ sources });
  expect(r.ok).toBe(true);
  const c = r.contracts.find((x) => x.name === contract)!;
  return new Map(c.abi.filter((e): e is AbiFunction => e.type === "function").map((e) => [e.name, e]));
}

describe("the token's conflictFields", () => {
  const fns = functions({ "token.weft": tokenSource }, "Token");
  // Slots in declaration order: tokenName 0, tokenSymbol 1, supply 2, issuer 3, balances 4, allowances 5.
  const CALLER = { kind: 2, value: [0] };
  const param = (i: number) => ({ kind: 3, value: [i] });

  it("transfer writes the caller's and the recipient's balance (through `move`)", () => {
    expect(fns.get("transfer")!.conflictFields).toEqual([
      { ...CALLER, slot: 4, read_only: false },
      { ...param(0), slot: 4, read_only: false },
    ]);
  });

  it("approve writes the caller's allowance entry (the first index of the nested map)", () => {
    expect(fns.get("approve")!.conflictFields).toEqual([{ ...CALLER, slot: 5, read_only: false }]);
  });

  it("transferFrom writes `from`'s and `to`'s balances and `from`'s allowances, not the caller's", () => {
    expect(fns.get("transferFrom")!.conflictFields).toEqual([
      { ...param(0), slot: 4, read_only: false },
      { ...param(1), slot: 4, read_only: false },
      { ...param(0), slot: 5, read_only: false },
    ]);
  });

  it("mint writes the supply as a whole, reads the issuer, writes `to`'s balance", () => {
    expect(fns.get("mint")!.conflictFields).toEqual([
      { kind: 1, value: [], slot: 2, read_only: false },
      { kind: 1, value: [], slot: 3, read_only: true },
      { ...param(0), slot: 4, read_only: false },
    ]);
  });

  it("balanceOf only reads `who`'s balance", () => {
    expect(fns.get("balanceOf")!.conflictFields).toEqual([{ ...param(0), slot: 4, read_only: true }]);
  });

  it("every public function carries fields", () => {
    for (const fn of fns.values()) expect(fn.conflictFields?.length, fn.name).toBeGreaterThan(0);
  });
});

describe("All and None", () => {
  const fns = functions(
    {
      "x.weft": `interface Oracle { view fn get() -> u256; }
contract X {
    state o: Oracle;
    state m: map<u256, bool>;
    pub fn ask() -> u256 { return self.o.get(); }
    pub fn hashed(b: bytes) { self.m[hash(b) as u256] = true; }
    pub view fn add(a: u8, b: u8) -> u8 { return a + b; }
}`,
    },
    "X",
  );
  it("a call to another contract or a computed key: one All field", () => {
    expect(fns.get("ask")!.conflictFields).toEqual([{ kind: 0, value: [], slot: 0 }]);
    expect(fns.get("hashed")!.conflictFields).toEqual([{ kind: 0, value: [], slot: 0 }]);
  });
  it("no storage at all: one None field", () => {
    expect(fns.get("add")!.conflictFields).toEqual([{ kind: 5, value: [], slot: 0 }]);
  });
});

describe("constant keys are the SCALE bytes the storage key has", () => {
  const int = (bits: number, signed = false): Type => ({ kind: "int", bits, signed });
  const cases: [Type, ConstValue, string, unknown][] = [
    [int(8), { kind: "int", value: 7n }, "uint8", 7n],
    [int(16, true), { kind: "int", value: -300n }, "int16", -300n],
    [int(64), { kind: "int", value: 1_000_000_007n }, "uint64", 1_000_000_007n],
    [int(128, true), { kind: "int", value: -(1n << 100n) }, "int128", -(1n << 100n)],
    [int(256), { kind: "int", value: (1n << 255n) + 258n }, "uint256", (1n << 255n) + 258n],
    [int(256, true), { kind: "int", value: -2n }, "int256", -2n],
    [{ kind: "bool" }, { kind: "bool", value: true }, "bool", true],
    [{ kind: "string" }, { kind: "string", value: "€uro" }, "string", "€uro"],
    [{ kind: "string" }, { kind: "string", value: "x".repeat(70) }, "string", "x".repeat(70)],
    [{ kind: "address" }, { kind: "string", value: "0x00000000000000000000000000000000000000aa" }, "string", "0x00000000000000000000000000000000000000aa"],
    [{ kind: "bytes" }, { kind: "bytes", value: Uint8Array.of(1, 2, 3) }, "bytes", Uint8Array.of(1, 2, 3)],
    [{ kind: "bytes" }, { kind: "bytes", value: new Uint8Array(20000) }, "bytes", new Uint8Array(20000)],
    [{ kind: "bytesN", size: 4 }, { kind: "bytes", value: Uint8Array.of(9, 8, 7, 6) }, "bytes4", Uint8Array.of(9, 8, 7, 6)],
  ];
  it.each(cases.map((c, i) => [i, ...c] as const))("case %i: %o", (_i, t, value, abiType, abiValue) => {
    expect(scaleOfConst(value, t)).toEqual([...vmAbi.encodeAs({ name: "", type: abiType }, abiValue)]);
  });
  it("a value that does not fit its type, or a type without constant keys, has no bytes", () => {
    expect(scaleOfConst({ kind: "int", value: 256n }, int(8))).toBeNull();
    expect(scaleOfConst({ kind: "int", value: -1n }, int(32))).toBeNull();
    expect(scaleOfConst({ kind: "bytes", value: Uint8Array.of(1) }, { kind: "bytesN", size: 2 })).toBeNull();
    expect(scaleOfConst({ kind: "int", value: 1n }, { kind: "tuple", elems: [] })).toBeNull();
  });
});

describe("weft build --explain-parallel", () => {
  function run(argv: string[], cwd = repo) {
    let out = "";
    let err = "";
    const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd };
    return main(argv, io).then((code) => ({ code, out, err }));
  }

  it("names the keys of every public function of the token", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weft-parallel-"));
    const r = await run(["build", "--explain-parallel", "examples/token.weft", "-o", dir]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("built Token");
    expect(r.out.split("\n")).toEqual([
      "Token.transfer: writes balances[msg.sender], balances[to] — parallel by caller and param 'to'",
      "Token.approve: writes allowances[msg.sender] — parallel by caller",
      "Token.transferFrom: writes balances[from], balances[to], allowances[from] — parallel by param 'from' and param 'to'",
      "Token.mint: reads issuer; writes supply, balances[to] — parallel by param 'to'; one at a time on supply",
      "Token.balanceOf: reads balances[who] — parallel by param 'who'; read-only",
      "Token.allowance: reads allowances[owner] — parallel by param 'owner'; read-only",
      "Token.totalSupply: reads supply — read-only",
      "Token.name: reads tokenName — read-only",
      "Token.symbol: reads tokenSymbol — read-only",
      "",
    ]);
    // The ABI written beside it carries the same fields.
    const abi = JSON.parse(readFileSync(join(dir, "Token.abi.json"), "utf8"));
    expect(abi.find((e: { name?: string }) => e.name === "transfer").conflictFields).toHaveLength(2);
  });

  it("gives the reason and the place for a function that runs alone; --json has them as `parallel`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weft-parallel-"));
    const file = "feed.weft";
    writeFileSync(join(dir, file), "interface Oracle { view fn get() -> u256; }\ncontract Feed {\n    state last: u256;\n    pub fn pull(o: address) {\n        self.last = Oracle(o).get();\n    }\n}\n");
    const text = await run(["build", "--explain-parallel", file, "-o", dir], dir);
    expect(text.out).toBe(`Feed.pull: runs alone: calls another contract (Oracle.get at ${file}:5:21)\n`);
    const json = await run(["build", "--explain-parallel", "--json", file, "-o", dir], dir);
    const report = JSON.parse(json.out);
    expect(report.parallel).toEqual([
      { contract: "Feed", function: "pull", conflictFields: [{ kind: 0, value: [], slot: 0 }], text: `Feed.pull: runs alone: calls another contract (Oracle.get at ${file}:5:21)` },
    ]);
    const plain = await run(["build", "--json", file, "-o", dir], dir);
    expect(JSON.parse(plain.out).parallel).toBeUndefined();
  });
});
