// The support module's shape (MVP, bcos imports only, the API table) and
// the linking recipe of README.md, exercised on a small contract.
import { describe, expect, it } from "vitest";
import binaryen from "binaryen";
import {
  SUPPORT_EXPORTS, SUPPORT_HEAP_BASE, SUPPORT_HEAP_PTR_GLOBAL, binaryenParams, binaryenResult, internalName,
  readSupportModule, removeSupportExports, rt, rtFunctions, setHeapStart, setMemoryWithSupportData, signatureText,
  supportDataSegments,
  supportModuleBytes,
} from "../../compiler/wasm/support/index.ts";
import { Support, supportModule } from "./harness.ts";
import { WebAssemblyApi, moduleImports } from "./wasm.ts";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { SUPPORT_WASM_SHA256 } from "../../compiler/wasm/support/support.generated.ts";

describe("support module shape", () => {
  it("validates as Wasm MVP and has no start function", () => {
    const mod = binaryen.readBinary(supportModuleBytes());
    mod.setFeatures(binaryen.Features.MVP);
    expect(mod.validate()).toBeTruthy();
    expect(mod.getStart()).toBe(0);
    mod.dispose();
  });

  it("imports only from bcos, with the fisco-compat signatures", () => {
    const imports = moduleImports(supportModule());
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.every((i) => i.module === "bcos" && i.kind === "function")).toBe(true);
    const mod = binaryen.readBinary(supportModuleBytes());
    const sigs: Record<string, string> = {};
    for (let i = 0; i < mod.getNumFunctions(); i++) {
      const f = binaryen.getFunctionInfo(mod.getFunctionByIndex(i));
      if (!f.module) continue;
      const t = (x: number) => binaryen.expandType(x).map((y) => (y === binaryen.i32 ? "i32" : "i64")).join(",");
      sigs[f.base!] = `(${t(f.params)})->(${t(f.results)})`;
    }
    mod.dispose();
    expect(sigs).toEqual({
      getCallDataSize: "()->(i32)", getCallData: "(i32)->()", finish: "(i32,i32)->()", revert: "(i32,i32)->()",
      setStorage: "(i32,i32,i32,i32)->()", getStorage: "(i32,i32,i32)->(i32)", getCaller: "(i32)->(i32)",
      getTxOrigin: "(i32)->(i32)", getAddress: "(i32)->(i32)", getBlockNumber: "()->(i64)",
      getBlockTimestamp: "()->(i64)", log: "(i32,i32,i32,i32,i32,i32,i32)->()", call: "(i32,i32,i32,i32)->(i32)",
      getReturnDataSize: "()->(i32)", getReturnData: "(i32)->()", getExternalCodeSize: "(i32,i32)->(i32)",
    });
  });

  it("exports exactly the api.ts table and memory", () => {
    expect([...SUPPORT_EXPORTS].sort()).toEqual(rtFunctions.map(signatureText).sort());
    const x = new Support().x;
    const names = Object.keys(x).sort();
    expect(names).toEqual([...rtFunctions.map((f) => f.name), "memory"].sort());
    expect(new Set(rtFunctions.map((f) => f.name)).size).toBe(rtFunctions.length);
  });

  it("the heap pointer global is internal, mutable, and starts at SUPPORT_HEAP_BASE", () => {
    const mod = readSupportModule();
    const g = binaryen.getGlobalInfo(mod.getGlobalByIndex(SUPPORT_HEAP_PTR_GLOBAL.index));
    expect(g.name).toBe(SUPPORT_HEAP_PTR_GLOBAL.name);
    expect(g.mutable).toBe(true);
    expect(g.type).toBe(binaryen.i32);
    expect((binaryen.getExpressionInfo(g.init) as binaryen.ConstInfo).value).toBe(SUPPORT_HEAP_BASE);
    mod.dispose();
    expect(SUPPORT_HEAP_BASE % 8).toBe(0);
  });

  it("data segments lie below the heap base and are what memory holds", () => {
    const segs = supportDataSegments();
    expect(segs.length).toBeGreaterThan(0);
    const s = new Support();
    for (const seg of segs) {
      expect(seg.offset + seg.data.length).toBeLessThanOrEqual(SUPPORT_HEAP_BASE);
      expect(Buffer.from(s.read(seg.offset, seg.data.length)).equals(Buffer.from(seg.data))).toBe(true);
    }
  });

  it("README documents every exported function", () => {
    const readme = readFileSync(new URL("../../compiler/wasm/support/README.md", import.meta.url), "utf8");
    const missing = rtFunctions.filter((f) => !readme.includes("`" + f.name + "`"));
    expect(missing.map((f) => f.name)).toEqual([]);
  });

  it("the decoded bytes match the recorded hash", () => {
    expect(createHash("sha256").update(supportModuleBytes()).digest("hex")).toBe(SUPPORT_WASM_SHA256);
  });
});

describe("linking a contract onto the support module", () => {
  /**
   * main(): calldata = a ‖ b (u256, 32 bytes BE each) -> finish(SCALE(a + b))
   * with a greeting of our own placed in a data segment after the library's.
   */
  function buildContract(): Uint8Array {
    const mod = readSupportModule();
    const own = new TextEncoder().encode("\x05\x00\x00\x00hello");
    const ownAt = SUPPORT_HEAP_BASE;
    setHeapStart(mod, (ownAt + own.length + 7) & ~7);
    setMemoryWithSupportData(mod, 1, 1024, [{ offset: ownAt, data: own }]);
    const call = (f: (typeof rt)[keyof typeof rt], ...args: number[]) =>
      mod.call(internalName(mod, f), args, binaryenResult(f));
    const local = (i: number) => mod.local.get(i, binaryen.i32);
    const body = mod.block(null, [
      mod.call(internalName(mod, rt.setCrypto), [mod.i32.const(0)], binaryen.none),
      mod.local.set(0, call(rt.rdNew, call(rt.calldata))),
      mod.local.set(1, call(rt.rdBigBe32, local(0))),
      mod.local.set(2, call(rt.rdBigBe32, local(0))),
      mod.call(internalName(mod, rt.rdEnd), [local(0)], binaryen.none),
      mod.local.set(3, call(rt.bufNew, mod.i32.const(64))),
      mod.call(internalName(mod, rt.bufPutBigBe32), [local(3),
        call(rt.add256, local(1), local(2), mod.i32.const(256), mod.i32.const(0))], binaryen.none),
      mod.call(internalName(mod, rt.bufPutBytes), [local(3), mod.i32.const(ownAt)], binaryen.none),
      mod.call(internalName(mod, rt.finish), [call(rt.bufToBytes, local(3))], binaryen.none),
    ]);
    mod.addFunction("weft$main", binaryen.none, binaryen.none, [binaryen.i32, binaryen.i32, binaryen.i32, binaryen.i32], body);
    mod.addFunction("weft$deploy", binaryen.none, binaryen.none, [], mod.nop());
    mod.addFunction("weft$hash_type", binaryen.none, binaryen.i32, [], mod.i32.const(0));
    // the typed table agrees with the module it describes
    for (const f of rtFunctions) {
      const info = binaryen.getFunctionInfo(mod.getFunction(internalName(mod, f)));
      expect([info.params, info.results]).toEqual([binaryenParams(f), binaryenResult(f)]);
    }
    removeSupportExports(mod);
    mod.addFunctionExport("weft$main", "main");
    mod.addFunctionExport("weft$deploy", "deploy");
    mod.addFunctionExport("weft$hash_type", "hash_type");
    mod.runPasses(["remove-unused-module-elements"]);
    expect(mod.validate()).toBeTruthy();
    const out = mod.emitBinary();
    mod.dispose();
    return out;
  }

  it("runs: heap after the generator's data, library data intact, unused functions dropped", () => {
    const wasm = buildContract();
    expect(wasm.length).toBeLessThan(supportModuleBytes().length);
    const s = new Support(new WebAssemblyApi.Module(wasm));
    expect(Object.keys(s.x).sort()).toEqual(["deploy", "hash_type", "main", "memory"]);
    const a = (1n << 200n) + 5n, b = (1n << 255n) - 1n;
    const be = (v: bigint) => Buffer.from(v.toString(16).padStart(64, "0"), "hex");
    s.host.calldata = new Uint8Array(Buffer.concat([be(a), be(b)]));
    s.x.main();
    expect(Buffer.from(s.host.output!).toString("hex")).toBe(be(a + b).toString("hex") + "14" + Buffer.from("hello").toString("hex"));
    s.host.calldata = new Uint8Array(Buffer.concat([be((1n << 256n) - 1n), be(1n)]));
    expect(() => s.x.main()).toThrow(/revert 0x[0-9a-f]{8}11000000/); // checked u256 overflow: Panic(0x11)
    expect(() => setMemoryWithSupportData(readSupportModule(), 1, 1, [{ offset: SUPPORT_HEAP_BASE - 8, data: new Uint8Array(1) }]))
      .toThrow(/overlaps/);
    expect(() => setHeapStart(readSupportModule(), SUPPORT_HEAP_BASE + 4)).toThrow(/multiple of 8/);
  });
});

describe("support module contents", () => {
  it("uses no floating point at all", () => {
    const mod = binaryen.readBinary(supportModuleBytes());
    const code = mod.emitText().split("\n").filter((l) => !l.trimStart().startsWith("(data"));
    mod.dispose();
    expect(code.filter((l) => /\bf(32|64)\b/.test(l))).toEqual([]);
    expect(code.some((l) => /\bi64\.mul\b/.test(l))).toBe(true); // the scan does see instructions
  });
});
