/** The three Liquid contracts of shared/fixtures/fisco-liquid, with exactly the results of its README. */
import { describe, expect, it } from "vitest";
import { encodeCall, encodeParams, findFunction } from "../../vm/abi/index.ts";
import { Status } from "../../vm/index.ts";
import { engine } from "../../vm/wasm/engine.ts";
import { BLOCK, GAS, LIQUID_TRANSFER_ABI, SENDER, call, fixture, hex, newVm, toHex } from "./helpers.ts";

const GET = "6d4ce63c";
const SET_FISCO_BCOS = "4ed3885e" + "28666973636f2062636f73";

describe("hello_world.wasm", () => {
  it("deploys with name alice, reads it back, sets and reads fisco bcos", () => {
    const { vm } = newVm();
    const d = vm.deploy({ address: "/apps/hello_world", code: fixture("hello_world.wasm"), ctorArgs: hex("14616c696365"), sender: SENDER, gasLimit: GAS, block: BLOCK });
    expect(d.status).toBe(Status.OK);
    expect(d.gasUsed).toBeGreaterThan(0);
    expect(toHex(call(vm, "/apps/hello_world", GET).output)).toBe("14616c696365");
    const set = call(vm, "/apps/hello_world", SET_FISCO_BCOS);
    expect(set.status).toBe(0);
    expect(set.output).toHaveLength(0);
    expect(toHex(call(vm, "/apps/hello_world", GET).output)).toBe("28666973636f2062636f73");
  });

  it("is rejected on an SM chain: hash_type 0 does not match", () => {
    const { vm, state } = newVm("sm");
    const d = vm.deploy({ address: "/apps/h", code: fixture("hello_world.wasm"), ctorArgs: hex("14616c696365"), sender: SENDER, gasLimit: GAS, block: BLOCK });
    expect(d.status).toBe(Status.WASM_VALIDATION_FAILURE);
    expect(d.message).toMatch(/hash_type mismatch.*keccak-256.*SM3/);
    expect(state.getCode("/apps/h")).toBeUndefined();
  });

  it("stores the metered code, not the raw module", () => {
    const { vm, state } = newVm();
    const raw = fixture("hello_world.wasm");
    vm.deploy({ address: "/apps/h", code: raw, ctorArgs: hex("14616c696365"), sender: SENDER, gasLimit: GAS, block: BLOCK });
    const stored = state.getCode("/apps/h")!;
    expect(stored.length).toBeGreaterThan(raw.length);
    const imports = engine.Module.imports(new engine.Module(stored));
    expect(imports.map((i) => `${i.module}.${i.name}:${i.kind}`)).toEqual(
      expect.arrayContaining(["bcos.outOfGas:function", "bcos.gas:global"]),
    );
  });
});

describe("hello_world_caller.wasm", () => {
  it("forwards set and get to hello_world through bcos.call", () => {
    const { vm } = newVm();
    const target = "/usr/alice/hello_world";
    expect(vm.deploy({ address: target, code: fixture("hello_world.wasm"), ctorArgs: hex("14616c696365"), sender: SENDER, gasLimit: GAS, block: BLOCK }).status).toBe(0);
    const ctor = encodeParams([{ type: "string" }], [target]);
    expect(vm.deploy({ address: "/usr/alice/caller", code: fixture("hello_world_caller.wasm"), ctorArgs: ctor, sender: SENDER, gasLimit: GAS, block: BLOCK }).status).toBe(0);
    expect(toHex(call(vm, "/usr/alice/caller", GET).output)).toBe("14616c696365");
    const set = call(vm, "/usr/alice/caller", SET_FISCO_BCOS);
    expect(set.status).toBe(0);
    expect(toHex(call(vm, "/usr/alice/caller", GET).output)).toBe("28666973636f2062636f73");
    expect(toHex(call(vm, target, GET).output)).toBe("28666973636f2062636f73");
  });

  it("fails with the callee's status when the target does not exist", () => {
    const { vm, state } = newVm();
    const ctor = encodeParams([{ type: "string" }], ["/nowhere"]);
    vm.deploy({ address: "/c", code: fixture("hello_world_caller.wasm"), ctorArgs: ctor, sender: SENDER, gasLimit: GAS, block: BLOCK });
    const before = state.dump();
    const r = call(vm, "/c", SET_FISCO_BCOS);
    expect(r.status).toBe(Status.CALL_ADDRESS_ERROR);
    expect(r.failedAt).toBe("/nowhere");
    expect(state.dump()).toBe(before);
  });
});

describe("transfer.wasm", () => {
  const abi = LIQUID_TRANSFER_ABI;
  const transfer = (from: string, to: string, amount: number) => encodeCall(findFunction(abi, "transfer"), [from, to, amount], "keccak");
  const query = (name: string) => encodeCall(findFunction(abi, "query"), [name], "keccak");

  function deployed() {
    const { vm, state } = newVm();
    const d = vm.deploy({ address: "/apps/transfer", code: fixture("transfer.wasm"), ctorArgs: new Uint8Array(0), abi, sender: SENDER, gasLimit: GAS, block: BLOCK });
    expect(d.status).toBe(0);
    const balance = (name: string) => toHex(call(vm, "/apps/transfer", query(name)).output);
    return { vm, state, balance };
  }

  it("encodes the README's example input", () => {
    expect(toHex(transfer("alice", "bob", 1))).toBe("28c4d6a6" + "14616c696365" + "0c626f62" + "01000000");
    expect(toHex(query("alice"))).toBe("7c261929" + "14616c696365");
  });

  it("starts with the constructor's balances", () => {
    const { balance } = deployed();
    expect(balance("alice")).toBe("ffffffff");
    expect(balance("bob")).toBe("00000000");
    expect(balance("charlie")).toBe("ffffffff");
    expect(balance("david")).toBe("00000000");
  });

  it("10,000 transfers of 1 from alice to bob leave alice with efd8ffff", () => {
    const { vm, balance } = deployed();
    const input = transfer("alice", "bob", 1);
    let ok = 0;
    for (let i = 0; i < 10_000; i++) {
      const r = call(vm, "/apps/transfer", input);
      if (r.status === 0 && r.output.length === 1 && r.output[0] === 1) ok++;
    }
    expect(ok).toBe(10_000);
    expect(balance("alice")).toBe("efd8ffff");
    expect(balance("bob")).toBe("10270000");
    expect(vm.instantiations).toBeLessThan(5); // instances are reused, not rebuilt per call
  });

  it("the four-transaction block, run serially, gives the documented balances", () => {
    const { vm, balance } = deployed();
    const block: [string, string, number][] = [["alice", "bob", 1000], ["charlie", "david", 2000], ["bob", "david", 200], ["david", "alice", 400]];
    for (const [from, to, amount] of block) {
      const r = call(vm, "/apps/transfer", transfer(from, to, amount));
      expect(r.status).toBe(0);
      expect(toHex(r.output)).toBe("01");
    }
    const u32 = (n: number) => toHex(encodeParams([{ type: "uint32" }], [n]));
    expect(balance("alice")).toBe(u32(4294966695));
    expect(balance("bob")).toBe(u32(800));
    expect(balance("charlie")).toBe(u32(4294965295));
    expect(balance("david")).toBe(u32(1800));
  });

  it("an insufficient balance returns 00 and changes nothing", () => {
    const { vm, state, balance } = deployed();
    const before = state.dump();
    const r = call(vm, "/apps/transfer", transfer("bob", "alice", 1));
    expect(r.status).toBe(0);
    expect(toHex(r.output)).toBe("00");
    expect(state.dump()).toBe(before);
    expect(balance("bob")).toBe("00000000");
    expect(balance("alice")).toBe("ffffffff");
  });

  it("an unknown selector fails without changing state", () => {
    const { vm, state } = deployed();
    const before = state.dump();
    const r = call(vm, "/apps/transfer", "deadbeef");
    expect(r.status).not.toBe(0);
    expect(state.dump()).toBe(before);
  });
});
