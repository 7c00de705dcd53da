// The linker's Wasm binary reading and writing (compiler/wasm/binary).
import { describe, expect, it } from "vitest";
import binaryen from "binaryen";
import { parseModule, Reader } from "../../compiler/wasm/binary/read.ts";
import { callSites } from "../../compiler/wasm/binary/code.ts";
import { Writer } from "../../compiler/wasm/binary/write.ts";

describe("LEB128", () => {
  it("round-trips unsigned and signed edge values", () => {
    for (const v of [0, 1, 63, 64, 127, 128, 16383, 16384, 2 ** 31 - 1, 2 ** 32 - 1]) {
      expect(new Reader(new Writer().u32(v).finish()).u32()).toBe(v);
    }
    for (const v of [0, 1, -1, 63, 64, -64, -65, 8191, -8192, 2 ** 31 - 1, -(2 ** 31)]) {
      expect(new Reader(new Writer().s32(v).finish()).sleb(32)).toBe(v);
    }
    expect(Array.from(new Writer().u32(624485).finish())).toEqual([0xe5, 0x8e, 0x26]);
    expect(Array.from(new Writer().s32(-123456).finish())).toEqual([0xc0, 0xbb, 0x78]);
  });

  it("refuses truncated and overlong encodings", () => {
    expect(() => new Reader(new Uint8Array([0x80])).u32()).toThrow(/truncated/);
    expect(() => new Reader(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).u32()).toThrow(/malformed/);
  });
});

/** A module with one function `f` built by binaryen, and its parsed form. */
function build(body: (m: binaryen.Module) => number, result = binaryen.none): ReturnType<typeof parseModule> {
  const m = new binaryen.Module();
  m.setFeatures(binaryen.Features.MVP);
  m.setMemory(1, 1);
  m.addFunctionImport("imp", "env", "imp", binaryen.i32, binaryen.i32);
  m.addFunction("f", binaryen.i32, result, [binaryen.i64], body(m));
  m.addFunctionExport("f", "f");
  expect(m.validate()).toBeTruthy();
  const bytes = m.emitBinary();
  m.dispose();
  return parseModule(bytes);
}

describe("callSites", () => {
  it("finds every call among other immediates (br_table, i64.const, memargs)", () => {
    const p = build((m) =>
      m.block("out", [
        m.local.set(1, m.i64.const(-5n as never)),
        m.drop(m.call("imp", [m.i32.load(8, 4, m.local.get(0, binaryen.i32))], binaryen.i32)),
        m.switch(["out"], "out", m.call("imp", [m.i32.const(-100000)], binaryen.i32)),
      ]),
    );
    const sites = callSites(p.bodies[0]!);
    expect(sites.map((s) => s.target)).toEqual([0, 0]);
    for (const s of sites) expect(p.bodies[0]![s.start]).toBe(0); // the LEB of index 0
    expect(p.imports).toEqual([{ module: "env", name: "imp", type: p.imports[0]!.type }]);
    expect(p.exports).toEqual([{ name: "f", kind: 0, index: 1 }]);
  });

  it("refuses what is not Wasm MVP rather than skipping it", () => {
    expect(() => callSites(new Uint8Array([0, 0xfc, 0x0a, 0, 0, 0x0b]))).toThrow(/0xfc.*not Wasm MVP/);
    expect(() => callSites(new Uint8Array([0, 0x11, 0, 0, 0x0b]))).toThrow(/call_indirect/);
  });
});

describe("parseModule", () => {
  it("refuses sections the linker cannot carry (tables, start, elements)", () => {
    const m = new binaryen.Module();
    m.addFunction("f", binaryen.none, binaryen.none, [], m.nop());
    m.setStart(m.getFunction("f"));
    const bytes = m.emitBinary();
    m.dispose();
    expect(() => parseModule(bytes)).toThrow(/not supported by the linker/);
    expect(() => parseModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).toThrow(/not a Wasm version 1/);
  });
});
