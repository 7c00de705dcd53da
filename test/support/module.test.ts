// The support module's shape (MVP, bcos imports only, the API table) and
// the linker (compiler/wasm/link.ts), exercised on a small hand-built contract.
import { describe, expect, it } from "vitest";
import binaryen from "binaryen";
import {
  SUPPORT_EXPORTS, SUPPORT_HEAP_BASE, SUPPORT_HEAP_PTR_GLOBAL, binaryenParams, binaryenResult, internalName,
  readSupportModule, rt, rtFunctions, signatureText, supportDataSegments, supportModuleBytes,
} from "../../compiler/wasm/support/index.ts";
import { parseModule } from "../../compiler/wasm/binary/read.ts";
import { dataBase, link, MAX_PAGES, RT_MODULE, runtimeNames } from "../../compiler/wasm/link.ts";
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

describe("linking a contract with the support module (compiler/wasm/link.ts)", () => {
  const own = new TextEncoder().encode("\x05\x00\x00\x00hello");

  /**
   * A hand-built generated module: main(): calldata = a ‖ b (u256, 32 bytes
   * BE each) -> finish(SCALE(a + b) ‖ a greeting from our own data segment).
   * Support functions are imports from `rt`, as Gen.rt declares them.
   */
  function generated(opts: { wrongSignature?: boolean; unknown?: boolean } = {}): Uint8Array {
    const mod = new binaryen.Module();
    mod.setFeatures(binaryen.Features.MVP);
    mod.setMemory(1, MAX_PAGES, "memory");
    const names = runtimeNames();
    const imported = new Set<string>();
    const call = (f: (typeof rt)[keyof typeof rt], ...args: number[]) => {
      const key = (Object.keys(rt) as (keyof typeof rt)[]).find((k) => rt[k] === f)!;
      if (!imported.has(f.name)) {
        imported.add(f.name);
        mod.addFunctionImport(names[key], RT_MODULE, f.name, binaryenParams(f), binaryenResult(f));
      }
      return mod.call(names[key], args, binaryenResult(f));
    };
    if (opts.unknown) mod.addFunctionImport("nope", RT_MODULE, "rt_nope", binaryen.none, binaryen.none);
    if (opts.wrongSignature) mod.addFunctionImport("finish64", RT_MODULE, rt.finish.name, binaryen.i64, binaryen.none);
    const local = (i: number) => mod.local.get(i, binaryen.i32);
    const body = mod.block(null, [
      call(rt.setCrypto, mod.i32.const(0)),
      mod.local.set(0, call(rt.rdNew, call(rt.calldata))),
      mod.local.set(1, call(rt.rdBigBe32, local(0))),
      mod.local.set(2, call(rt.rdBigBe32, local(0))),
      call(rt.rdEnd, local(0)),
      mod.local.set(3, call(rt.bufNew, mod.i32.const(64))),
      call(rt.bufPutBigBe32, local(3), call(rt.add256, local(1), local(2), mod.i32.const(256), mod.i32.const(0))),
      call(rt.bufPutBytes, local(3), mod.i32.const(dataBase())),
      call(rt.finish, call(rt.bufToBytes, local(3))),
    ]);
    mod.addFunction("weft$main", binaryen.none, binaryen.none, [binaryen.i32, binaryen.i32, binaryen.i32, binaryen.i32], body);
    mod.addFunction("weft$deploy", binaryen.none, binaryen.none, [], mod.nop());
    mod.addFunction("weft$hash_type", binaryen.none, binaryen.i32, [], mod.i32.const(0));
    mod.addFunctionExport("weft$main", "main");
    mod.addFunctionExport("weft$deploy", "deploy");
    mod.addFunctionExport("weft$hash_type", "hash_type");
    expect(mod.validate()).toBeTruthy();
    binaryen.setDebugInfo(true);
    const out = mod.emitBinary();
    binaryen.setDebugInfo(false);
    mod.dispose();
    return out;
  }

  const linkOwn = (bytes: Uint8Array, names = false) => link(bytes, { data: { base: dataBase(), bytes: own }, names });

  it("the typed table agrees with the library's signatures", () => {
    const mod = readSupportModule();
    for (const f of rtFunctions) {
      const info = binaryen.getFunctionInfo(mod.getFunction(internalName(mod, f)));
      expect([info.params, info.results]).toEqual([binaryenParams(f), binaryenResult(f)]);
    }
    mod.dispose();
  });

  it("runs: calls renumbered, library data intact, our data after it, only reached functions kept", () => {
    const wasm = linkOwn(generated());
    const mod = binaryen.readBinary(wasm);
    mod.setFeatures(binaryen.Features.MVP);
    expect(mod.validate()).toBeTruthy();
    const support = readSupportModule();
    expect(mod.getNumFunctions()).toBeLessThan(support.getNumFunctions() / 2);
    expect(mod.getNumFunctions()).toBeGreaterThan(10); // add256 and the SCALE codec pull in their callees
    support.dispose();
    mod.dispose();
    const s = new Support(new WebAssemblyApi.Module(wasm));
    expect(Object.keys(s.x).sort()).toEqual(["deploy", "hash_type", "main", "memory"]);
    const a = (1n << 200n) + 5n, b = (1n << 255n) - 1n;
    const be = (v: bigint) => Buffer.from(v.toString(16).padStart(64, "0"), "hex");
    s.host.calldata = new Uint8Array(Buffer.concat([be(a), be(b)]));
    s.x.main();
    expect(Buffer.from(s.host.output!).toString("hex")).toBe(be(a + b).toString("hex") + "14" + Buffer.from("hello").toString("hex"));
    s.host.calldata = new Uint8Array(Buffer.concat([be((1n << 256n) - 1n), be(1n)]));
    expect(() => s.x.main()).toThrow(/revert 0x[0-9a-f]{8}11000000/); // checked u256 overflow: Panic(0x11)
  });

  it("the heap starts after our data and every data segment is kept", () => {
    const wasm = linkOwn(generated());
    const mod = binaryen.readBinary(wasm);
    const heap = binaryen.getGlobalInfo(mod.getGlobalByIndex(SUPPORT_HEAP_PTR_GLOBAL.index));
    expect((binaryen.getExpressionInfo(heap.init) as binaryen.ConstInfo).value).toBe((dataBase() + own.length + 7) & ~7);
    mod.dispose();
    const segments = parseModule(wasm).data;
    expect(segments.slice(0, -1)).toEqual(supportDataSegments());
    expect(segments.at(-1)).toEqual({ offset: dataBase(), data: own });
  });

  it("writes function and local names only when asked", () => {
    const plain = linkOwn(generated());
    const named = linkOwn(generated(), true);
    expect(named.length).toBeGreaterThan(plain.length);
    const mod = binaryen.readBinary(named);
    const wat = mod.emitText();
    mod.dispose();
    expect(wat).toContain("(func $weft$main");
    expect(wat).toContain(`(call $${runtimeNames().add256}`);
  });

  it("refuses an import the library does not export, or one with another signature", () => {
    expect(() => linkOwn(generated({ unknown: true }))).toThrow(/rt\.rt_nope, which the support library does not export/);
    expect(() => linkOwn(generated({ wrongSignature: true }))).toThrow(/rt_finish with a signature other than the library's/);
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
