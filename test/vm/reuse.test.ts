/**
 * Instances are reused between calls (vm/sandbox): nothing a call does to
 * memory, globals or memory size may be visible to the next one.
 */
import { describe, expect, it } from "vitest";
import { Status } from "../../vm/index.ts";
import { BCOS, BLOCK, I32, SENDER, call, contract, newVm, op, toHex } from "./helpers.ts";

const PAGE = 65536;

function deployed(code: Uint8Array) {
  const env = newVm();
  const d = env.vm.deploy({ address: "/c", code, sender: SENDER, gasLimit: 1e9, block: BLOCK });
  expect(d.status, d.message).toBe(0);
  return env;
}

const i32Load8 = (offset = 0) => [0x2d, 0x00, offset];

describe("instance reuse", () => {
  it("restores static data a call changed", () => {
    const { vm } = deployed(contract({
      imports: [BCOS.finish],
      data: [{ offset: 100, bytes: [5] }],
      main: [...op.i32(100), ...op.i32(100), ...i32Load8(), ...op.i32(1), ...op.add, ...op.i32Store8(), ...op.i32(100), ...op.i32(1), ...op.call(0)],
    }));
    for (let i = 0; i < 5; i++) expect(toHex(call(vm, "/c", "").output)).toBe("06");
    expect(vm.instantiations).toBe(1);
  });

  it("restores mutable globals", () => {
    const { vm } = deployed(contract({
      imports: [BCOS.finish],
      globals: [{ type: I32, mutable: true, init: 5 }],
      main: [...op.globalGet(0), ...op.i32(1), ...op.add, ...op.globalSet(0), ...op.i32(0), ...op.globalGet(0), ...op.i32Store(), ...op.i32(0), ...op.i32(4), ...op.call(0)],
    }));
    for (let i = 0; i < 3; i++) expect(toHex(call(vm, "/c", "").output)).toBe("06000000");
  });

  it("restores mutable globals after a call that trapped or reverted on its way", () => {
    // global += 1; with input: trap (01) or revert (02) before finishing; else finish(global)
    const { vm } = deployed(contract({
      imports: [BCOS.getCallDataSize, BCOS.finish, BCOS.revert],
      globals: [{ type: I32, mutable: true, init: 5 }],
      main: [
        ...op.globalGet(0), ...op.i32(1), ...op.add, ...op.globalSet(0),
        ...op.call(0), ...op.i32(1), 0x46 /* i32.eq */, ...op.if, ...op.unreachable, ...op.end,
        ...op.call(0), ...op.if, ...op.i32(0), ...op.i32(0), ...op.call(2), ...op.end,
        ...op.i32(0), ...op.globalGet(0), ...op.i32Store(), ...op.i32(0), ...op.i32(4), ...op.call(1),
      ],
    }));
    expect(call(vm, "/c", "01").status).toBe(Status.WASM_TRAP);
    expect(toHex(call(vm, "/c", "").output)).toBe("06000000");
    expect(call(vm, "/c", "0202").status).toBe(Status.REVERT);
    expect(toHex(call(vm, "/c", "").output)).toBe("06000000");
    expect(vm.instantiations).toBe(1);
  });

  it("shows every call the initial memory size, and zeroed pages when it grows", () => {
    // out[0] = memory.size; out[4] = memory.grow(1); out[8] = load(new page); store 0xff on the new page
    const { vm } = deployed(contract({
      imports: [BCOS.finish],
      main: [
        ...op.i32(0), ...op.memorySize, ...op.i32Store(),
        ...op.i32(4), ...op.i32(1), ...op.memoryGrow, ...op.i32Store(),
        ...op.i32(8), ...op.i32(16 * PAGE), ...op.i32Load(), ...op.i32Store(),
        ...op.i32(16 * PAGE + 4), ...op.i32(-1), ...op.i32Store(),
        ...op.i32(0), ...op.i32(12), ...op.call(0),
      ],
    }));
    for (let i = 0; i < 4; i++) expect(toHex(call(vm, "/c", "").output)).toBe("10000000" + "10000000" + "00000000");
    expect(vm.instantiations).toBe(1);
  });

  it("traps past the contract's memory even when an earlier call grew the instance's real memory", () => {
    // no input: grow by one page and write there; with input: read that page without growing
    const { vm } = deployed(contract({
      imports: [BCOS.getCallDataSize],
      main: [
        ...op.call(0), 0x45, ...op.if,
        ...op.i32(1), ...op.memoryGrow, ...op.drop, ...op.i32(16 * PAGE), ...op.i32(1), ...op.i32Store(),
        ...op.else,
        ...op.i32(16 * PAGE), ...op.i32Load(), ...op.drop,
        ...op.end,
      ],
    }));
    expect(call(vm, "/c", "").status).toBe(0);
    const r = call(vm, "/c", "01");
    expect(r.status).toBe(Status.WASM_TRAP);
    expect(r.message).toMatch(/memory access out of bounds/);
    expect(vm.instantiations).toBe(1);
    // stores are checked too, including a wide store that starts inside and ends outside
    const { vm: vm2 } = deployed(contract({ main: [...op.i32(16 * PAGE - 4), ...op.i64(1), ...op.i64Store()] }));
    expect(call(vm2, "/c", "").message).toMatch(/memory access out of bounds/);
  });

  it("clears what the host wrote into memory", () => {
    // getCallData writes the input at 200; then finish(200, 2)
    const { vm } = deployed(contract({
      imports: [BCOS.getCallData, BCOS.finish],
      main: [...op.i32(200), ...op.call(0), ...op.i32(200), ...op.i32(2), ...op.call(1)],
    }));
    expect(toHex(call(vm, "/c", "abcd").output)).toBe("abcd");
    expect(toHex(call(vm, "/c", "").output)).toBe("0000");
  });

  it("clears memory a trapped call wrote", () => {
    const { vm } = deployed(contract({
      imports: [BCOS.getCallDataSize, BCOS.finish],
      main: [
        ...op.call(0), ...op.if,
        ...op.i32(300), ...op.i32(0x77), ...op.i32Store8(), ...op.unreachable,
        ...op.end,
        ...op.i32(300), ...op.i32(1), ...op.call(1),
      ],
    }));
    expect(call(vm, "/c", "01").status).toBe(Status.WASM_TRAP);
    expect(toHex(call(vm, "/c", "").output)).toBe("00");
    expect(vm.instantiations).toBe(1);
  });

  it("restores a store that straddles two 1 KiB chunks", () => {
    const { vm } = deployed(contract({
      imports: [BCOS.getCallDataSize, BCOS.finish],
      main: [
        ...op.call(0), ...op.if, ...op.i32(1020), ...op.i64(-1), ...op.i64Store(), ...op.end,
        ...op.i32(1020), ...op.i32(8), ...op.call(1),
      ],
    }));
    expect(toHex(call(vm, "/c", "01").output)).toBe("ff".repeat(8));
    expect(toHex(call(vm, "/c", "").output)).toBe("00".repeat(8));
  });

  it("restores data segments that start and end inside chunks, and the zeros around them", () => {
    // data over [1500, 2600): chunks 1 and 2 hold both data and zeros. With input: overwrite 8 bytes
    // at each of 1496 (4 zeros, 4 data), 2044 (across the chunk boundary), 2596 (4 data, 4 zeros)
    const data = Array.from({ length: 1100 }, (_, i) => (i * 7 + 3) & 0xff);
    const spots = [1496, 2044, 2596];
    const { vm } = deployed(contract({
      imports: [BCOS.getCallDataSize, BCOS.finish],
      data: [{ offset: 1500, bytes: data }],
      main: [
        ...op.call(0), ...op.if, ...spots.flatMap((at) => [...op.i32(at), ...op.i64(-1), ...op.i64Store()]), ...op.end,
        ...op.i32(1496), ...op.i32(1108), ...op.call(1),
      ],
    }));
    const initial = "00000000" + toHex(Uint8Array.from(data)) + "00000000";
    expect(toHex(call(vm, "/c", "01").output)).not.toBe(initial);
    expect(toHex(call(vm, "/c", "").output)).toBe(initial);
  });

  it("restores the last bytes of the instance's memory", () => {
    const { vm } = deployed(contract({
      imports: [BCOS.getCallDataSize, BCOS.finish],
      main: [
        ...op.call(0), ...op.if, ...op.i32(16 * PAGE - 8), ...op.i64(-1), ...op.i64Store(), ...op.end,
        ...op.i32(16 * PAGE - 8), ...op.i32(8), ...op.call(1),
      ],
    }));
    expect(toHex(call(vm, "/c", "01").output)).toBe("ff".repeat(8));
    expect(toHex(call(vm, "/c", "").output)).toBe("00".repeat(8));
  });

  it("caps memory at 1024 pages and starts the next call at the initial size again", () => {
    // out[0] = memory.grow(1009) (too far: -1); out[4] = memory.grow(1008); out[8] = memory.size
    const { vm } = deployed(contract({
      imports: [BCOS.finish],
      main: [
        ...op.i32(0), ...op.i32(1009), ...op.memoryGrow, ...op.i32Store(),
        ...op.i32(4), ...op.i32(1008), ...op.memoryGrow, ...op.i32Store(),
        ...op.i32(8), ...op.memorySize, ...op.i32Store(),
        ...op.i32(0), ...op.i32(12), ...op.call(0),
      ],
    }));
    for (let i = 0; i < 2; i++) expect(toHex(call(vm, "/c", "").output)).toBe("ffffffff" + "10000000" + "00040000");
  });
});
