/** Modules FISCO would not accept fail deployment with status 32 and a clear message — never an exception. */
import { describe, expect, it } from "vitest";
import { Status, VmError, validateModule } from "../../vm/index.ts";
import { BCOS, BLOCK, I32, SENDER, assemble, contract, fixture, newVm, op } from "./helpers.ts";

const F32 = 0x7d;

function deployStatus(code: Uint8Array) {
  const { vm, state } = newVm();
  const r = vm.deploy({ address: "/bad", code, sender: SENDER, gasLimit: 1_000_000_000, block: BLOCK });
  if (r.status !== 0) expect(state.getCode("/bad")).toBeUndefined();
  return r;
}

const cases: [string, () => Uint8Array, RegExp][] = [
  ["empty bytes", () => new Uint8Array(0), /not a Wasm module/],
  ["random bytes", () => new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), /bad magic/],
  ["a truncated module", () => fixture("transfer.wasm").subarray(0, 5000), /runs past the end|unexpected end/],
  ["f32.const", () => contract({ main: [0x43, 0, 0, 0, 0, ...op.drop] }), /f32\.const/],
  ["a float in a signature", () => contract({ main: [], extra: [{ params: [F32], results: [], body: [] }] }), /only i32 and i64/],
  ["a float local", () => contract({ main: [], mainLocals: [[1, F32]] }), /local of type/],
  ["a sign-extension instruction", () => contract({ main: [...op.i32(1), 0xc0, ...op.drop] }), /sign-extension/],
  ["bulk memory", () => contract({ main: [...op.i32(0), ...op.i32(0), ...op.i32(0), 0xfc, 0x0a, 0x00, 0x00] }), /bulk-memory/],
  ["an import from another module", () => assemble({
    types: [[[], []], [[], [I32]]],
    imports: [{ module: "env", name: "abort", type: 0 }],
    funcs: [{ type: 1, body: op.i32(0) }, { type: 0, body: [] }],
    memory: { min: 1 },
    exports: [{ name: "memory", kind: "memory", index: 0 }, { name: "hash_type", kind: "func", index: 1 }, { name: "deploy", kind: "func", index: 2 }, { name: "main", kind: "func", index: 2 }],
  }), /only from module "bcos"/],
  ["an unknown host function", () => contract({ imports: [{ name: "selfdestruct", params: [], results: [] }], main: [] }), /unknown host function/],
  ["a host function with the wrong signature", () => contract({ imports: [{ name: "finish", params: [I32], results: [] }], main: [] }), /has signature \(i32\) -> \(\), expected \(i32, i32\) -> \(\)/],
  ["an import of the metering's outOfGas", () => contract({ imports: [{ name: "outOfGas", params: [], results: [] }], main: [] }), /reserved/],
  ["no hash_type export", () => assemble({
    types: [[[], []]],
    funcs: [{ type: 0, body: [] }],
    memory: { min: 1 },
    exports: [{ name: "memory", kind: "memory", index: 0 }, { name: "deploy", kind: "func", index: 0 }, { name: "main", kind: "func", index: 0 }],
  }), /missing required export "hash_type"/],
  ["main with parameters", () => assemble({
    types: [[[], []], [[], [I32]], [[I32], []]],
    funcs: [{ type: 1, body: op.i32(0) }, { type: 0, body: [] }, { type: 2, body: [] }],
    memory: { min: 1 },
    exports: [{ name: "memory", kind: "memory", index: 0 }, { name: "hash_type", kind: "func", index: 0 }, { name: "deploy", kind: "func", index: 1 }, { name: "main", kind: "func", index: 2 }],
  }), /export "main" has signature \(i32\) -> \(\)/],
  ["a start function", () => assemble({
    types: [[[], []], [[], [I32]]],
    funcs: [{ type: 1, body: op.i32(0) }, { type: 0, body: [] }],
    memory: { min: 1 },
    exports: [{ name: "memory", kind: "memory", index: 0 }, { name: "hash_type", kind: "func", index: 0 }, { name: "deploy", kind: "func", index: 1 }, { name: "main", kind: "func", index: 1 }],
    start: 1,
  }), /start function/],
  ["memory over 1024 pages", () => contract({ main: [], memory: { min: 1025 } }), /exceeds FISCO's limit of 1024 pages/],
  ["no memory", () => assemble({
    types: [[[], []], [[], [I32]]],
    funcs: [{ type: 1, body: op.i32(0) }, { type: 0, body: [] }],
    exports: [{ name: "hash_type", kind: "func", index: 0 }, { name: "deploy", kind: "func", index: 1 }, { name: "main", kind: "func", index: 1 }],
  }), /exactly one memory/],
  ["code that does not type-check", () => contract({ main: [...op.add, ...op.drop] }), /engine rejects the module/],
  ["an unbalanced block", () => contract({ main: [...op.block] }), /not terminated|engine rejects|final `end`/],
];

describe("module validation at deployment", () => {
  it.each(cases)("rejects %s with status 32", (_name, make, message) => {
    const r = deployStatus(make());
    expect(r.status).toBe(Status.WASM_VALIDATION_FAILURE);
    expect(r.message).toMatch(message);
    expect(r.gasUsed).toBe(0); // rejected before anything runs
  });

  it("accepts the Liquid fixtures and a minimal contract", () => {
    for (const name of ["hello_world.wasm", "hello_world_caller.wasm", "transfer.wasm"]) {
      expect(() => validateModule(fixture(name))).not.toThrow();
    }
    expect(deployStatus(contract({ main: [], imports: [BCOS.finish] })).status).toBe(0);
  });

  it("throws VmError codes from the validator itself", () => {
    const err = (() => { try { validateModule(contract({ main: [0x43, 0, 0, 0, 0, ...op.drop] })); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(VmError);
    expect((err as VmError).code).toBe("WASM_UNSUPPORTED");
    const malformed = (() => { try { validateModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])); } catch (e) { return e; } })();
    expect((malformed as VmError).code).toBe("WASM_MALFORMED");
  });

  it("rejects an address that already holds a contract with status 17", () => {
    const { vm } = newVm();
    const code = contract({ main: [] });
    expect(vm.deploy({ address: "/x", code, sender: SENDER, gasLimit: 1e9, block: BLOCK }).status).toBe(0);
    const again = vm.deploy({ address: "/x", code, sender: SENDER, gasLimit: 1e9, block: BLOCK });
    expect(again.status).toBe(Status.ADDRESS_IN_USE);
  });

  it("treats misuse of the API (not transaction input) as a thrown VmError", () => {
    const { vm } = newVm();
    const bad = (msg: object) => { try { vm.call(msg as never); } catch (e) { return (e as VmError).code; } return "no error"; };
    // the first message of a fresh VM, when nothing was seen yet
    const first = (msg: object) => { try { newVm().vm.call(msg as never); } catch (e) { return (e as VmError).code; } return "no error"; };
    expect(first({ to: "/x", input: new Uint8Array(), gasLimit: 10, block: BLOCK })).toBe("VM_BAD_ARGUMENT");
    expect(first({ to: "/x", input: new Uint8Array(), sender: SENDER, block: BLOCK })).toBe("VM_BAD_ARGUMENT");
    expect(first({ to: "/x", input: new Uint8Array(), sender: SENDER, gasLimit: 10, block: { timestamp: 0 } })).toBe("VM_BAD_ARGUMENT");
    expect(first({ to: "/x", input: new Uint8Array(), sender: SENDER, gasLimit: 10, block: { number: 0 } })).toBe("VM_BAD_ARGUMENT");
    expect(bad({ to: "/x", input: new Uint8Array(), sender: SENDER, gasLimit: 0, block: BLOCK })).toBe("VM_BAD_ARGUMENT");
    expect(bad({ to: "/x", input: new Uint8Array(), sender: "alice", gasLimit: 10, block: BLOCK })).toBe("VM_BAD_ARGUMENT");
    expect(bad({ to: "/x", input: new Uint8Array(), sender: SENDER, gasLimit: 10, block: { number: 1.5, timestamp: 0 } })).toBe("VM_BAD_ARGUMENT");
    // still refused after good ones were seen (the VM remembers the last sender, gas limit and block it checked)
    expect(bad({ to: "/x", input: new Uint8Array(), sender: SENDER, gasLimit: 10, block: BLOCK })).toBe("no error");
    for (const gasLimit of [undefined, 0, -1, 1.5, NaN, "10", 2n ** 63n]) {
      expect(bad({ to: "/x", input: new Uint8Array(), sender: SENDER, gasLimit, block: BLOCK }), String(gasLimit)).toBe("VM_BAD_ARGUMENT");
    }
    for (const block of [undefined, { number: 7 }, { number: 7.5, timestamp: BLOCK.timestamp }, { number: 7, timestamp: 2 ** 64 }]) {
      expect(bad({ to: "/x", input: new Uint8Array(), sender: SENDER, gasLimit: 10, block }), JSON.stringify(block)).toBe("VM_BAD_ARGUMENT");
    }
    for (const sender of [undefined, null, "", SENDER.slice(0, -1)]) {
      expect(bad({ to: "/x", input: new Uint8Array(), sender, gasLimit: 10, block: BLOCK }), String(sender)).toBe("VM_BAD_ARGUMENT");
      expect(bad({ to: "/x", input: new Uint8Array(), sender: SENDER, origin: sender ?? 5, gasLimit: 10, block: BLOCK }), String(sender)).toBe("VM_BAD_ARGUMENT");
    }
  });
});

describe("mangled modules and inputs", () => {
  it("never throw: every outcome is a status", () => {
    const original = fixture("transfer.wasm");
    let seed = 12345;
    const rnd = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * n);
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const code = original.slice();
      for (let f = 1 + rnd(4); f > 0; f--) code[rnd(code.length)] = rnd(256);
      const { vm } = newVm();
      const d = vm.deploy({ address: "/t", code, sender: SENDER, gasLimit: 1e8, block: BLOCK });
      seen.add(d.status);
      if (d.status === 0) {
        const input = Uint8Array.from({ length: rnd(40) }, () => rnd(256));
        seen.add(vm.call({ to: "/t", input, sender: SENDER, gasLimit: 1e7, block: BLOCK }).status);
      }
    }
    expect([...seen].every((s) => [0, 12, 16, 32, 34].includes(s))).toBe(true);
    expect(seen.has(Status.WASM_VALIDATION_FAILURE)).toBe(true);
  });
});
