/** Deploy-time gas metering (vm/metering.ts) against hand-counted costs, per FISCO's GasInjector rules. */
import { describe, expect, it } from "vitest";
import { Status, meterCode } from "../../vm/index.ts";
import { engine, type WasmGlobal, type WasmMemory } from "../../vm/wasm/engine.ts";
import { BCOS, BLOCK, I32, SENDER, ascii, call, contract, fixture, hex, newVm, op, toHex } from "./helpers.ts";

function deploy(code: Uint8Array, gasLimit = 1_000_000_000) {
  const env = newVm();
  const d = env.vm.deploy({ address: "/t", code, sender: SENDER, gasLimit, block: BLOCK });
  return { ...env, d };
}

/** Gas of one call to main (nothing else runs). */
function mainGas(code: Uint8Array, input = ""): number {
  const { vm, d } = deploy(code);
  expect(d.status, d.message).toBe(0);
  const r = call(vm, "/t", input);
  expect(r.status, r.message).toBe(0);
  return r.gasUsed;
}

const straight = contract({ main: [...op.i32(1), ...op.i32(2), ...op.add, ...op.drop] }); // 0 + 0 + 1 + 3

describe("metered modules", () => {
  it.each(["hello_world.wasm", "hello_world_caller.wasm", "transfer.wasm"])("%s meters to a valid module with the gas imports", (name) => {
    const out = meterCode(fixture(name));
    expect(engine.validate(out)).toBe(true);
    const imports = engine.Module.imports(new engine.Module(out));
    expect(imports.slice(-2).map((i) => `${i.module}.${i.name}:${i.kind}`)).toEqual(["bcos.outOfGas:function", "bcos.gas:global"]);
  });

  it("raises memory to 16 pages and caps it at 1024; keeps global exports pointing at the right global", () => {
    const code = contract({
      main: [],
      globals: [{ type: I32, mutable: false, init: 42 }],
      exports: [{ name: "answer", kind: "global", index: 0 }],
    });
    const metered = new engine.Module(meterCode(code));
    const gas = new engine.Global({ value: "i64", mutable: true }, 100n);
    const inst = new engine.Instance(metered, { bcos: { outOfGas: () => {}, gas } });
    const memory = inst.exports.memory as WasmMemory;
    expect(memory.buffer.byteLength).toBe(16 * 65536);
    expect(() => memory.grow(1024 - 16 + 1)).toThrow();
    expect(memory.grow(1024 - 16)).toBe(16);
    expect((inst.exports.answer as WasmGlobal).value).toBe(42);
  });
});

describe("gas of straight-line code, loops, branches and calls", () => {
  it("charges the segment's static cost once", () => {
    expect(mainGas(straight)).toBe(4);
  });

  it("charges a loop body on every iteration", () => {
    const code = contract({
      mainLocals: [[1, I32]],
      main: [
        ...op.i32(3), ...op.localSet(0), // 0 + 3, ends at `loop`
        ...op.loop, ...op.localGet(0), ...op.i32(1), ...op.sub, ...op.localTee(0), ...op.brIf(0), ...op.end, // 3+0+1+3+3 per pass
      ],
    });
    expect(mainGas(code)).toBe(3 + 3 * 10);
  });

  it("counts `else` in the segment of its `if` and each arm on its own", () => {
    const code = contract({
      imports: [BCOS.getCallDataSize],
      main: [...op.call(0), ...op.if, ...op.nop, ...op.else, ...op.i32(7), ...op.drop, ...op.end],
    });
    // call (3) ends a segment; the if's segment holds `else` (2); the else arm costs 0 + 3
    expect(mainGas(code, "01")).toBe(3 + 2);
    expect(mainGas(code, "")).toBe(3 + 2 + 3);
  });

  it("shifts calls to defined functions past the outOfGas import, and leaves imports alone", () => {
    const code = contract({
      imports: [BCOS.finish],
      main: [...op.call(4)], // function 4 = first extra (after import 0, hash_type 1, deploy 2, main 3)
      extra: [{ params: [], results: [], body: [...op.i32(0), ...op.i32(3), ...op.call(0)] }],
      data: [{ offset: 0, bytes: ascii("abc") }],
    });
    const { vm } = deploy(code);
    const r = call(vm, "/t", "");
    expect(toHex(r.output)).toBe(toHex(Buffer.from("abc")));
    expect(r.gasUsed).toBe(3 + 3); // call f; then f's segment ending in call finish (finish itself is free)
  });

  it("shifts function indices in element segments (call_indirect)", () => {
    const code = contract({
      imports: [BCOS.finish],
      main: [...op.i32(0), ...op.callIndirect(0)], // type 0 is () -> ()
      extra: [{ params: [], results: [], body: [...op.i32(8), ...op.i32(3), ...op.call(0)] }],
      table: 1,
      elements: [{ offset: 0, funcs: [4] }],
      data: [{ offset: 8, bytes: ascii("xyz") }],
    });
    const { vm } = deploy(code);
    const r = call(vm, "/t", "");
    expect(r.status, r.message).toBe(0);
    expect(Buffer.from(r.output).toString()).toBe("xyz");
    expect(r.gasUsed).toBe(2 + 3);
  });

  it("shifts global indices past the gas global", () => {
    const code = contract({
      imports: [BCOS.finish],
      globals: [{ type: I32, mutable: true, init: 7 }],
      main: [...op.i32(0), ...op.globalGet(0), ...op.i32Store(), ...op.i32(0), ...op.i32(4), ...op.call(0)],
    });
    const { vm } = deploy(code);
    const r = call(vm, "/t", "");
    expect(toHex(r.output)).toBe("07000000");
    expect(r.gasUsed).toBe(3 + 3 + 3);
  });
});

describe("running out of gas", () => {
  it("fails exactly when FISCO's check `gas <= 0` would", () => {
    const { vm } = deploy(straight);
    const at = (limit: number) => call(vm, "/t", "", limit);
    expect(at(4).status).toBe(Status.OUT_OF_GAS); // 4 - 4 = 0: out of gas
    expect(at(4).gasUsed).toBe(4);
    expect(at(5).status).toBe(0);
    expect(at(5).gasUsed).toBe(4);
  });

  it("lets a host charge reach exactly 0, but not a metered one", () => {
    const code = contract({ imports: [BCOS.getCallData], main: [...op.i32(0), ...op.call(0)] }); // 3, then 3 per input byte
    const { vm } = deploy(code);
    expect(call(vm, "/t", "aabb", 3 + 6).status).toBe(0);
    expect(call(vm, "/t", "aabb", 3 + 6).gasUsed).toBe(9);
    expect(call(vm, "/t", "aabb", 3 + 5).status).toBe(Status.OUT_OF_GAS);
    expect(call(vm, "/t", "", 3).status).toBe(Status.OUT_OF_GAS); // the metered 3 leaves 0
    expect(call(vm, "/t", "", 4).status).toBe(0);
  });

  it("counts gas exactly at any limit up to 2^63 - 1 (host charges cross 32-bit words and the 2^53 of doubles)", () => {
    // getCallData (3 per byte) and setStorage (5000 + 3 per byte) are host charges; the rest is metered
    const code = contract({
      imports: [BCOS.getCallData, BCOS.setStorage],
      data: [{ offset: 0, bytes: ascii("kvv") }],
      main: [...op.i32(64), ...op.call(0), ...op.i32(0), ...op.i32(1), ...op.i32(1), ...op.i32(2), ...op.call(1)],
    });
    const { vm } = deploy(code);
    const used = call(vm, "/t", "aabbcc", 1e9).gasUsed;
    expect(used).toBe(3 + 3 + 3 * 3 + 5000 + 3 * 3); // two calls, the call data, the key and value
    const limits: (number | bigint)[] = [2 ** 32 - 2, 2 ** 53 - 1, 2n ** 53n, 2n ** 53n + 7n, 2n ** 62n, 2n ** 63n - 1n];
    for (let i = 0; i <= used; i += 997) limits.push(2 ** 32 + i, 2n ** 53n + BigInt(i)); // the counter crosses a boundary mid-call
    for (const limit of limits) {
      const r = vm.call({ to: "/t", input: hex("aabbcc"), sender: SENDER, gasLimit: limit, block: BLOCK });
      expect([r.status, r.gasUsed], String(limit)).toEqual([0, used]);
    }
  });

  it("reports out of gas, not the trap, when gas ran out before a trap", () => {
    const code = contract({ main: [...op.i32(1), ...op.i32(2), ...op.add, ...op.drop, ...op.unreachable] });
    const { vm } = deploy(code);
    expect(call(vm, "/t", "", 4).status).toBe(Status.OUT_OF_GAS);
    expect(call(vm, "/t", "", 5).status).toBe(Status.WASM_TRAP);
  });

  it("stops an endless loop with status 12 and leaves state unchanged", () => {
    const code = contract({
      imports: [BCOS.setStorage],
      data: [{ offset: 0, bytes: ascii("kv") }],
      main: [...op.i32(0), ...op.i32(1), ...op.i32(1), ...op.i32(1), ...op.call(0), ...op.loop, ...op.br(0), ...op.end],
    });
    const { vm, state } = deploy(code);
    const before = state.dump();
    const r = call(vm, "/t", "", 200_000);
    expect(r.status).toBe(Status.OUT_OF_GAS);
    expect(r.gasUsed).toBe(200_000);
    expect(r.logs).toEqual([]);
    expect(state.dump()).toBe(before);
    expect(state.getStorage("/t", hex("6b"))).toBeUndefined();
  });

  it("charges 20 gas per byte of stored code at deployment", () => {
    const { d, state } = deploy(straight);
    expect(d.status).toBe(0);
    expect(d.gasUsed).toBe(20 * state.getCode("/t")!.length); // hash_type and an empty deploy cost 0
    const short = deploy(straight, 20 * state.getCode("/t")!.length - 1);
    expect(short.d.status).toBe(Status.OUT_OF_GAS);
    expect(short.state.getCode("/t")).toBeUndefined();
  });
});
