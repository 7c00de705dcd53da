/** The bcos host functions and the call stack: storage, logs, revert, traps, callers, gas, depth. */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { describe, expect, it } from "vitest";
import { encodeErrorString, type Abi } from "../../vm/abi/index.ts";
import { InMemoryState, Status, Vm } from "../../vm/index.ts";
import { BCOS, BLOCK, SENDER, type HostImport, ascii, call, contract, hex, newVm, op, toHex } from "./helpers.ts";

type Env = ReturnType<typeof newVm>;

function deploy(env: Env, address: string, code: Uint8Array, abi?: Abi) {
  const d = env.vm.deploy({ address, code, sender: SENDER, gasLimit: 1e9, block: BLOCK, ...(abi ? { abi } : {}) });
  expect(d.status, d.message).toBe(0);
  return d;
}

/** main: finish(0, host(0)) for a host function that writes at 0 and returns the length. */
const echoOf = (fn: HostImport) =>
  contract({ imports: [fn, BCOS.finish], main: [...op.i32(0), ...op.i32(0), ...op.call(0), ...op.call(1)] });

/**
 * main: call(path, input = the call data), then finish with the return data.
 * Imports: 0 getCallDataSize, 1 getCallData, 2 call, 3 getReturnDataSize, 4 getReturnData, 5 finish.
 */
function forwarder(path: string): Uint8Array {
  return contract({
    imports: [BCOS.getCallDataSize, BCOS.getCallData, BCOS.call, BCOS.getReturnDataSize, BCOS.getReturnData, BCOS.finish],
    data: [{ offset: 0, bytes: ascii(path) }],
    main: [
      ...op.i32(256), ...op.call(1), // call data at 256
      ...op.i32(0), ...op.i32(path.length), ...op.i32(256), ...op.call(0), ...op.call(2), ...op.drop,
      ...op.i32(1024), ...op.call(4),
      ...op.i32(1024), ...op.call(3), ...op.call(5),
    ],
  });
}

/** main: setStorage(key, value) from data, then optionally revert with `revertWith`. */
function writer(key: string, value: string, revertWith?: Uint8Array): Uint8Array {
  const bytes = [...ascii(key), ...ascii(value)];
  return contract({
    imports: [BCOS.setStorage, BCOS.revert],
    data: [{ offset: 0, bytes }, ...(revertWith ? [{ offset: 512, bytes: [...revertWith] }] : [])],
    main: [
      ...op.i32(0), ...op.i32(key.length), ...op.i32(key.length), ...op.i32(value.length), ...op.call(0),
      ...(revertWith ? [...op.i32(512), ...op.i32(revertWith.length), ...op.call(1)] : []),
    ],
  });
}

describe("storage", () => {
  it("setStorage writes, getStorage reads, an empty value deletes; gas is 5000 + 3/byte and 200 + 3/byte", () => {
    const env = newVm();
    // input empty: set k=vv; input 1 byte: set k="" (delete); then always finish(getStorage(k))
    const code = contract({
      imports: [BCOS.getCallDataSize, BCOS.setStorage, BCOS.getStorage, BCOS.finish],
      data: [{ offset: 0, bytes: ascii("kvv") }],
      main: [
        ...op.call(0), 0x45 /* i32.eqz */, ...op.if,
        ...op.i32(0), ...op.i32(1), ...op.i32(1), ...op.i32(2), ...op.call(1), // set k = "vv"
        ...op.else,
        ...op.i32(0), ...op.i32(1), ...op.i32(1), ...op.i32(0), ...op.call(1), // set k = "" (delete)
        ...op.end,
        ...op.i32(64), ...op.i32(0), ...op.i32(1), ...op.i32(64), ...op.call(2), ...op.call(3), // finish(64, getStorage(k))
      ],
    });
    deploy(env, "/s", code);
    const set = call(env.vm, "/s", "");
    expect(Buffer.from(set.output).toString()).toBe("vv");
    expect(toHex(env.state.getStorage("/s", hex("6b"))!)).toBe("7676");
    // metered: 3 (call) + 1 (eqz) + 2 (else) + 3 (call setStorage) + 3 (call getStorage) + 3 (call finish)
    // host: setStorage 5000 + 3*(1+2); getStorage 200 + 3*1 + 3*2
    expect(set.gasUsed).toBe(3 + 1 + 2 + 3 + 3 + 3 + 5000 + 9 + 200 + 3 + 6);
    const del = call(env.vm, "/s", "01");
    expect(del.output).toHaveLength(0);
    expect(env.state.getStorage("/s", hex("6b"))).toBeUndefined();
  });

  it("reads state written by the embedder between transactions (nothing cached across them)", () => {
    const env = newVm();
    const reader = contract({
      imports: [BCOS.getStorage, BCOS.finish],
      data: [{ offset: 0, bytes: ascii("k") }],
      main: [...op.i32(64), ...op.i32(0), ...op.i32(1), ...op.i32(64), ...op.call(0), ...op.call(1)],
    });
    deploy(env, "/r", reader);
    env.state.setStorage("/r", hex("6b"), hex("0a"));
    expect(toHex(call(env.vm, "/r", "").output)).toBe("0a");
    env.state.setStorage("/r", hex("6b"), hex("0b0b"));
    expect(toHex(call(env.vm, "/r", "").output)).toBe("0b0b");
    env.state.setStorage("/r", hex("6b"), undefined);
    expect(toHex(call(env.vm, "/r", "").output)).toBe("");
  });

  it("keeps all writes of a successful call chain, each under its own contract", () => {
    const env = newVm();
    deploy(env, "/b", writer("b", "2"));
    const a = contract({
      imports: [BCOS.setStorage, BCOS.call],
      data: [{ offset: 0, bytes: ascii("a1/b") }],
      main: [...op.i32(0), ...op.i32(1), ...op.i32(1), ...op.i32(1), ...op.call(0), ...op.i32(2), ...op.i32(2), ...op.i32(0), ...op.i32(0), ...op.call(1), ...op.drop],
    });
    deploy(env, "/a", a);
    expect(call(env.vm, "/a", "").status).toBe(0);
    expect(toHex(env.state.getStorage("/a", hex("61"))!)).toBe("31");
    expect(toHex(env.state.getStorage("/b", hex("62"))!)).toBe("32");
    expect(env.state.getStorage("/a", hex("62"))).toBeUndefined();
  });

  it("discards every write when a callee reverts (the caller fails with the callee's status and data)", () => {
    const env = newVm();
    const reason = encodeErrorString("no", "keccak");
    deploy(env, "/b", writer("b", "2", reason));
    const a = contract({
      imports: [BCOS.setStorage, BCOS.call],
      data: [{ offset: 0, bytes: ascii("a1/b") }],
      main: [...op.i32(0), ...op.i32(1), ...op.i32(1), ...op.i32(1), ...op.call(0), ...op.i32(2), ...op.i32(2), ...op.i32(0), ...op.i32(0), ...op.call(1), ...op.drop],
    });
    deploy(env, "/a", a);
    const before = env.state.dump();
    const r = call(env.vm, "/a", "");
    expect(r.status).toBe(Status.REVERT);
    expect(r.failedAt).toBe("/b");
    expect(r.revertData).toEqual(reason);
    expect(r.revert).toEqual({ kind: "error", message: "no" });
    expect(env.state.dump()).toBe(before);
  });
});

describe("revert, traps, unknown addresses", () => {
  it("keeps revert data and decodes it; nothing after revert runs; no state changes", () => {
    const env = newVm();
    const reason = encodeErrorString("nope", "keccak");
    deploy(env, "/r", writer("k", "v", reason));
    const r = call(env.vm, "/r", "");
    expect(r.status).toBe(Status.REVERT);
    expect(toHex(r.revertData!)).toBe(toHex(reason));
    expect(r.revert).toEqual({ kind: "error", message: "nope" });
    expect(r.output).toHaveLength(0);
    expect(env.state.getStorage("/r", hex("6b"))).toBeUndefined();
    expect(r.gasUsed).toBeLessThan(1e9); // a revert is not out of gas
  });

  it("decodes a user error with the reverting contract's ABI", () => {
    const env = newVm();
    const abi = [{ type: "error", name: "Low", inputs: [{ name: "left", type: "uint32" }] }];
    const data = Uint8Array.from([...keccak_256(Buffer.from("Low(uint32)")).slice(0, 4), 9, 0, 0, 0]);
    deploy(env, "/u", writer("k", "v", data), abi);
    expect(call(env.vm, "/u", "").revert).toMatchObject({ kind: "custom", name: "Low", args: { left: 9n } });
  });

  it("turns traps into status 34 with the engine's reason", () => {
    const env = newVm();
    deploy(env, "/t1", contract({ main: [...op.unreachable] }));
    deploy(env, "/t2", contract({ main: [...op.i32(0x7ffffff0), ...op.i32Load(), ...op.drop] }));
    deploy(env, "/t3", contract({ main: [...op.i32(1), ...op.i32(0), 0x6d /* i32.div_s */, ...op.drop] }));
    const r1 = call(env.vm, "/t1", "");
    expect(r1.status).toBe(Status.WASM_TRAP);
    expect(r1.message).toMatch(/unreachable/);
    expect(call(env.vm, "/t2", "").message).toMatch(/memory access out of bounds/);
    expect(call(env.vm, "/t3", "").message).toMatch(/divide by zero/);
  });

  it("traps when a host function is given memory outside the contract's", () => {
    const env = newVm();
    deploy(env, "/h", contract({ imports: [BCOS.finish], main: [...op.i32(16 * 65536 - 2), ...op.i32(4), ...op.call(0)] }));
    const r = call(env.vm, "/h", "");
    expect(r.status).toBe(Status.WASM_TRAP);
    expect(r.message).toMatch(/bcos\.finish.*outside the contract's memory/);
  });

  it("reports an unknown address with status 19", () => {
    const env = newVm();
    const r = call(env.vm, "/nobody", "00");
    expect(r.status).toBe(Status.CALL_ADDRESS_ERROR);
    expect(r.message).toContain("/nobody");
    expect(r.gasUsed).toBe(0);
  });
});

describe("context", () => {
  it("getCaller gives the account checksummed with the chain hash, then the calling contract's path", () => {
    const env = newVm();
    deploy(env, "/who", echoOf(BCOS.getCaller));
    expect(Buffer.from(call(env.vm, "/who", "").output).toString()).toBe("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    deploy(env, "/via", forwarder("/who"));
    expect(Buffer.from(call(env.vm, "/via", "").output).toString()).toBe("/via");
  });

  it("getTxOrigin is the origin account in every frame; getAddress is the contract's own path", () => {
    const env = newVm();
    deploy(env, "/origin", echoOf(BCOS.getTxOrigin));
    deploy(env, "/via", forwarder("/origin"));
    expect(Buffer.from(call(env.vm, "/via", "").output).toString()).toBe("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    deploy(env, "/me", echoOf(BCOS.getAddress));
    expect(Buffer.from(call(env.vm, "/me", "").output).toString()).toBe("/me");
  });

  it("reads the block number and timestamp", () => {
    const env = newVm();
    const code = contract({
      imports: [BCOS.getBlockNumber, BCOS.getBlockTimestamp, BCOS.finish],
      main: [...op.i32(0), ...op.call(0), ...op.i64Store(), ...op.i32(8), ...op.call(1), ...op.i64Store(), ...op.i32(0), ...op.i32(16), ...op.call(2)],
    });
    deploy(env, "/blk", code);
    const out = call(env.vm, "/blk", "").output;
    const dv = new DataView(out.buffer, out.byteOffset);
    expect(dv.getBigInt64(0, true)).toBe(BigInt(BLOCK.number));
    expect(dv.getBigInt64(8, true)).toBe(BigInt(BLOCK.timestamp));
  });

  it("getExternalCodeSize is the stored code's size, 0 for no contract", () => {
    const env = newVm();
    const size = (path: string) => contract({
      imports: [BCOS.getExternalCodeSize, BCOS.finish],
      data: [{ offset: 0, bytes: ascii(path) }],
      main: [...op.i32(64), ...op.i32(0), ...op.i32(path.length), ...op.call(0), ...op.i32Store(), ...op.i32(64), ...op.i32(4), ...op.call(1)],
    });
    deploy(env, "/x", size("/x"));
    deploy(env, "/y", size("/nope"));
    const out = call(env.vm, "/x", "").output;
    expect(new DataView(out.buffer, out.byteOffset).getUint32(0, true)).toBe(env.state.getCode("/x")!.length);
    expect(toHex(call(env.vm, "/y", "").output)).toBe("00000000");
  });
});

describe("logs", () => {
  const emitter = (thenRevert: boolean) => contract({
    imports: [BCOS.log, BCOS.revert],
    data: [{ offset: 0, bytes: ascii("hi") }, { offset: 32, bytes: Array.from({ length: 32 }, (_, i) => i) }],
    main: [
      ...op.i32(0), ...op.i32(2), ...op.i32(1), ...op.i32(32), ...op.i32(0), ...op.i32(0), ...op.i32(0), ...op.call(0),
      ...(thenRevert ? [...op.i32(0), ...op.i32(0), ...op.call(1)] : []),
    ],
  });

  it("records address, topics and data, at 375 + 375/topic + 8/byte plus copies", () => {
    const env = newVm();
    deploy(env, "/ev", emitter(false));
    const r = call(env.vm, "/ev", "");
    expect(r.logs).toHaveLength(1);
    expect(r.logs[0]!.address).toBe("/ev");
    expect(r.logs[0]!.topics.map(toHex)).toEqual([toHex(Uint8Array.from({ length: 32 }, (_, i) => i))]);
    expect(Buffer.from(r.logs[0]!.data).toString()).toBe("hi");
    expect(r.gasUsed).toBe(3 + 375 + 375 + 8 * 2 + 3 * (2 + 32));
  });

  it("drops the logs of a failed transaction", () => {
    const env = newVm();
    deploy(env, "/ev", emitter(true));
    const r = call(env.vm, "/ev", "");
    expect(r.status).toBe(Status.REVERT);
    expect(r.logs).toEqual([]);
  });
});

describe("cross-contract calls", () => {
  it("forward all gas and take back what the callee leaves", () => {
    const env = newVm();
    deploy(env, "/b", contract({ main: [...op.i32(1), ...op.i32(2), ...op.add, ...op.drop] })); // 4
    deploy(env, "/a", contract({
      imports: [BCOS.call],
      data: [{ offset: 0, bytes: ascii("/b") }],
      main: [...op.i32(0), ...op.i32(2), ...op.i32(0), ...op.i32(0), ...op.call(0), ...op.drop], // 3, then drop 3
    }));
    expect(call(env.vm, "/a", "").gasUsed).toBe(3 + (700 + 3 * 2) + 4 + 3);
  });

  it("give the callee's output to getReturnData", () => {
    const env = newVm();
    deploy(env, "/b", contract({ imports: [BCOS.finish], data: [{ offset: 0, bytes: ascii("pong") }], main: [...op.i32(0), ...op.i32(4), ...op.call(0)] }));
    deploy(env, "/a", forwarder("/b"));
    expect(Buffer.from(call(env.vm, "/a", "").output).toString()).toBe("pong");
  });

  it("stop at the depth limit with status 13", () => {
    const env = newVm("keccak", 5);
    const abi = [{ type: "function", name: "again", inputs: [], reentrant: true }];
    deploy(env, "/deep", forwarder("/deep"), abi);
    const r = call(env.vm, "/deep", keccak_256(Buffer.from("again()")).slice(0, 4)); // forwarded at every level
    expect(r.status).toBe(Status.OUT_OF_STACK);
    expect(r.message).toMatch(/depth limit \(5\)/);
  });
});

describe("the reentrancy guard", () => {
  // main: with no call data, call itself with the selector of again(); with call data, finish "inner"
  const sel = keccak_256(Buffer.from("again()")).slice(0, 4);
  const selfCaller = contract({
    imports: [BCOS.getCallDataSize, BCOS.call, BCOS.getReturnDataSize, BCOS.getReturnData, BCOS.finish],
    data: [{ offset: 0, bytes: ascii("/r") }, { offset: 16, bytes: [...sel] }, { offset: 32, bytes: ascii("inner") }],
    main: [
      ...op.call(0), 0x45, ...op.if,
      ...op.i32(0), ...op.i32(2), ...op.i32(16), ...op.i32(4), ...op.call(1), ...op.drop,
      ...op.i32(64), ...op.call(3), ...op.i32(64), ...op.call(2), ...op.call(4),
      ...op.else,
      ...op.i32(32), ...op.i32(5), ...op.call(4),
      ...op.end,
    ],
  });

  it("refuses a call into a contract on the stack: status 16, Panic(0x52)", () => {
    const env = newVm();
    deploy(env, "/r", selfCaller, [{ type: "function", name: "again", inputs: [], reentrant: false }]);
    const r = call(env.vm, "/r", "");
    expect(r.status).toBe(Status.REVERT);
    expect(r.revert).toEqual({ kind: "panic", code: 0x52, reason: "reentrant call refused" });
    expect(toHex(r.revertData!.subarray(4))).toBe("52000000");
  });

  it("refuses it when the contract has no ABI", () => {
    const env = newVm();
    deploy(env, "/r", selfCaller);
    expect(call(env.vm, "/r", "").revert).toMatchObject({ kind: "panic", code: 0x52 });
  });

  it("allows it when the called function is marked reentrant", () => {
    const env = newVm();
    deploy(env, "/r", selfCaller, [{ type: "function", name: "again", inputs: [], reentrant: true }]);
    const r = call(env.vm, "/r", "");
    expect(r.status, r.message).toBe(0);
    expect(Buffer.from(r.output).toString()).toBe("inner");
  });

  it("refuses A → B → A", () => {
    const env = newVm();
    deploy(env, "/a", forwarder("/b"), [{ type: "function", name: "x", inputs: [], reentrant: false }]);
    deploy(env, "/b", forwarder("/a"));
    const r = call(env.vm, "/a", "");
    expect(r.status).toBe(Status.REVERT);
    expect(r.failedAt).toBe("/a");
    expect(r.revert).toMatchObject({ kind: "panic", code: 0x52 });
  });

  it("does not apply to calls into other contracts", () => {
    const env = newVm();
    deploy(env, "/b", contract({ imports: [BCOS.finish], main: [] }));
    deploy(env, "/a", forwarder("/b"));
    expect(call(env.vm, "/a", "").status).toBe(0);
  });
});

describe("runaway recursion", () => {
  // main calls itself forever: function 2 is main (after hash_type 0 and deploy 1)
  const recurse = contract({ main: [...op.call(2)] });

  it("ends in a trap when the stack runs out first, and the VM stays usable", () => {
    const env = newVm();
    deploy(env, "/rec", recurse);
    const r = call(env.vm, "/rec", "", 1e12);
    expect(r.status).toBe(Status.WASM_TRAP);
    expect(r.message).toMatch(/call stack|stack overflow/i);
    deploy(env, "/ok", contract({ imports: [BCOS.finish], main: [] }));
    expect(call(env.vm, "/ok", "").status).toBe(0);
  });

  it("ends out of gas when gas runs out first", () => {
    const env = newVm();
    deploy(env, "/rec", recurse);
    const r = call(env.vm, "/rec", "", 3000);
    expect(r.status).toBe(Status.OUT_OF_GAS);
    expect(r.gasUsed).toBe(3000);
  });
});

describe("chain state failures", () => {
  it("are thrown to the embedder, not turned into a transaction status", () => {
    class FlakyState extends InMemoryState {
      broken = true;
      override getStorage(address: string, key: Uint8Array, keyLatin1?: string) {
        if (this.broken) throw new Error("disk on fire");
        return super.getStorage(address, key, keyLatin1);
      }
    }
    const state = new FlakyState();
    const vm = new Vm({ state });
    const reader = contract({ imports: [BCOS.getStorage], data: [{ offset: 0, bytes: ascii("k") }], main: [...op.i32(0), ...op.i32(1), ...op.i32(64), ...op.call(0), ...op.drop] });
    expect(vm.deploy({ address: "/a", code: reader, sender: SENDER, gasLimit: 1e9, block: BLOCK }).status).toBe(0);
    deploy({ vm, state }, "/via", forwarder("/a"));
    expect(() => call(vm, "/a", "")).toThrow("disk on fire");
    expect(() => call(vm, "/via", "")).toThrow("disk on fire"); // also from a nested frame
    state.broken = false;
    expect(call(vm, "/via", "").status).toBe(0);
  });
});


describe("deployment", () => {
  it("decodes a revert in `deploy` with the ABI being deployed, and stores nothing", () => {
    const env = newVm();
    const abi: Abi = [{ type: "error", name: "Low", inputs: [{ name: "left", type: "uint32" }] }];
    const data = Uint8Array.from([...keccak_256(Buffer.from("Low(uint32)")).slice(0, 4), 3, 0, 0, 0]);
    const code = contract({ imports: [BCOS.revert], data: [{ offset: 0, bytes: [...data] }], deploy: [...op.i32(0), ...op.i32(8), ...op.call(0)], main: [] });
    const d = env.vm.deploy({ address: "/d", code, abi, sender: SENDER, gasLimit: 1e9, block: BLOCK });
    expect(d.status).toBe(Status.REVERT);
    expect(d.revert).toMatchObject({ kind: "custom", name: "Low", args: { left: 3n } });
    expect(env.state.getCode("/d")).toBeUndefined();
    expect(env.state.getAbi("/d")).toBeUndefined();
  });

  it("runs `deploy` with the constructor arguments as call data, and keeps its storage", () => {
    const env = newVm();
    // deploy: setStorage("k", call data)
    const code = contract({
      imports: [BCOS.getCallDataSize, BCOS.getCallData, BCOS.setStorage],
      data: [{ offset: 0, bytes: ascii("k") }],
      deploy: [...op.i32(16), ...op.call(1), ...op.i32(0), ...op.i32(1), ...op.i32(16), ...op.call(0), ...op.call(2)],
      main: [],
    });
    const d = env.vm.deploy({ address: "/d", code, ctorArgs: hex("0c626f62"), sender: SENDER, gasLimit: 1e9, block: BLOCK });
    expect(d.status, d.message).toBe(0);
    expect(toHex(env.state.getStorage("/d", hex("6b"))!)).toBe("0c626f62");
    expect(env.state.getCodeHash("/d")).toBe(d.codeHash);
  });

  it("does not store anything on a dry run", () => {
    const env = newVm();
    const d = env.vm.deploy({ address: "/d", code: contract({ main: [] }), sender: SENDER, gasLimit: 1e9, block: BLOCK, commit: false });
    expect(d.status).toBe(0);
    expect(env.state.getCode("/d")).toBeUndefined();
  });
});
