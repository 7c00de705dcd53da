// System contracts (runtime/precompiles) through the VM's precompile hook:
// called as a transaction's target and from a Weft contract; their writes
// are journaled (undone when the transaction fails); refusals are status 15
// with a decodable Error(string); unknown selectors and bad arguments too.
import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import smCrypto from "sm-crypto";
import { compile } from "../../compiler/index.ts";
import { InMemoryState, Vm, abi } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { genesisStatus, systemContracts, TABLE_EXISTS } from "../../runtime/precompiles/index.ts";

const fromHex = (h: string) => new Uint8Array(Buffer.from(h, "hex"));
const toHex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const GOVERNOR = "1111111111111111111111111111111111111111";
const OTHER = "2222222222222222222222222222222222222222";
const block = { number: 5, timestamp: 1_767_225_600_000 };

function chain() {
  const state = new InMemoryState();
  for (const [k, v] of genesisStatus([GOVERNOR])) state.setStorage("/sys/status", k, v);
  const precompiles = systemContracts({
    keccak256: (b) => keccak_256(b),
    sm3: (b) => fromHex(smCrypto.sm3(Array.from(b))),
    sm2Recover: (digest, sig) =>
      smCrypto.sm2.doVerifySignature(Array.from(digest), toHex(sig.subarray(0, 64)), "04" + toHex(sig.subarray(64)), { hash: true, der: false })
        ? sig.subarray(64)
        : null,
    sm2Address: (pub) => toHex(pub.subarray(0, 20)),
  });
  const vm = new Vm({ state, precompiles });
  const abiOf = (path: string) => precompiles.get(path)!.abi as Abi;
  const send = (path: string, fn: string, args: unknown[], sender = GOVERNOR) =>
    vm.call({ to: path, input: abi.encodeCall(abi.findFunction(abiOf(path), fn), args, "keccak"), sender, gasLimit: 1e7, block });
  const out = (path: string, fn: string, r: { output: Uint8Array }) => abi.decodeOutput(abi.findFunction(abiOf(path), fn), r.output);
  return { state, vm, send, out, precompiles };
}

describe("/sys/status", () => {
  it("reads FISCO's defaults and lets a governor set a value that takes effect in the next block", () => {
    const c = chain();
    const r = c.send("/sys/status", "getValueByKey", ["tx_count_limit"]);
    expect(r.status).toBe(0);
    expect(c.out("/sys/status", "getValueByKey", r)).toEqual(["1000", 0n]);
    expect(c.send("/sys/status", "setValueByKey", ["tx_count_limit", "500"]).status).toBe(0);
    // still 1000 in block 5; 500 from block 6
    expect(c.out("/sys/status", "getValueByKey", c.send("/sys/status", "getValueByKey", ["tx_count_limit"]))).toEqual(["1000", 0n]);
    const later = c.vm.call({ to: "/sys/status", input: abi.encodeCall(abi.findFunction(c.precompiles.get("/sys/status")!.abi, "getValueByKey"), ["tx_count_limit"], "keccak"), sender: OTHER, gasLimit: 1e6, block: { ...block, number: 6 } });
    expect(c.out("/sys/status", "getValueByKey", later)).toEqual(["500", 6n]);
  });

  it("refuses other accounts, unknown keys and values out of range with status 15 and an Error(string)", () => {
    const c = chain();
    const denied = c.send("/sys/status", "setValueByKey", ["tx_count_limit", "5"], OTHER);
    expect(denied.status).toBe(15);
    expect(denied.revert).toMatchObject({ kind: "error" });
    expect(JSON.stringify(denied.revert)).toContain("only a governor");
    expect(c.send("/sys/status", "setValueByKey", ["no_such_key", "5"]).status).toBe(15);
    expect(c.send("/sys/status", "setValueByKey", ["tx_gas_limit", "10"]).message).toMatch(/tx_gas_limit must be an integer in \[100000/);
    expect(c.send("/sys/status", "setValueByKey", ["tx_count_limit", "12abc"]).status).toBe(15);
  });

  it("answers an unknown selector or malformed arguments with status 15, not an exception", () => {
    const c = chain();
    expect(c.vm.call({ to: "/sys/status", input: fromHex("deadbeef00"), sender: GOVERNOR, gasLimit: 1e6, block }).status).toBe(15);
    expect(c.vm.call({ to: "/sys/status", input: fromHex("01"), sender: GOVERNOR, gasLimit: 1e6, block }).status).toBe(15);
    const sel = abi.encodeCall(abi.findFunction(c.precompiles.get("/sys/status")!.abi, "getValueByKey"), ["x"], "keccak").subarray(0, 4);
    expect(c.vm.call({ to: "/sys/status", input: new Uint8Array([...sel, 0xff, 0xff]), sender: GOVERNOR, gasLimit: 1e6, block }).status).toBe(15);
  });

  it("cannot be deployed over", () => {
    const c = chain();
    const built = compile({ sources: { "a.weft": "contract A { pub fn f() -> u8 { return 1; } }" } });
    const d = c.vm.deploy({ address: "/sys/status", code: built.contracts[0]!.wasm, sender: GOVERNOR, gasLimit: 1e9, block });
    expect(d.status).toBe(17);
  });
});

describe("/sys/crypto_tools", () => {
  it("hashes with SM3 and keccak-256 whatever the chain's suite", () => {
    const c = chain();
    const sm3 = c.out("/sys/crypto_tools", "sm3", c.send("/sys/crypto_tools", "sm3", [new TextEncoder().encode("abc")]));
    expect(toHex(sm3[0] as Uint8Array)).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    const k = c.out("/sys/crypto_tools", "keccak256Hash", c.send("/sys/crypto_tools", "keccak256Hash", [new Uint8Array()]));
    expect(toHex(k[0] as Uint8Array)).toBe("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  });

  it("verifies an SM2 signature and refuses a tampered one", () => {
    const c = chain();
    const keys = smCrypto.sm2.generateKeyPairHex();
    const digest = keccak_256(new TextEncoder().encode("message"));
    const sig = smCrypto.sm2.doSignature(Array.from(digest), keys.privateKey, { hash: true, der: false });
    const pub = fromHex(keys.publicKey.slice(2));
    const [r, s] = [fromHex(sig.slice(0, 64)), fromHex(sig.slice(64))];
    const ok = c.out("/sys/crypto_tools", "sm2Verify", c.send("/sys/crypto_tools", "sm2Verify", [digest, pub, r, s]));
    expect(ok[0]).toBe(true);
    expect(ok[1]).toBe(toHex(pub.subarray(0, 20)));
    const bad = c.out("/sys/crypto_tools", "sm2Verify", c.send("/sys/crypto_tools", "sm2Verify", [keccak_256(new Uint8Array([1])), pub, r, s]));
    expect(bad[0]).toBe(false);
    expect(c.send("/sys/crypto_tools", "sm2Verify", [digest, pub.subarray(1), r, s]).status).toBe(15);
  });
});

const kvUser = `
interface KvTables {
    fn createTable(table: string, keyField: string, valueField: string) -> i32;
    fn set(table: string, key: string, value: string) -> i32;
    fn get(table: string, key: string) -> (bool, string);
}
contract Registry {
    state kv: address;
    init(kv: address) {
        self.kv = kv;
    }
    pub fn setup() -> i32 {
        return KvTables(self.kv).createTable("names", "id", "name");
    }
    pub fn put(id: string, name: string) {
        KvTables(self.kv).set("names", id, name);
    }
    pub fn putThenFail(id: string, name: string) {
        KvTables(self.kv).set("names", id, name);
        revert("changed my mind");
    }
    pub fn lookup(id: string) -> (bool, string) {
        return KvTables(self.kv).get("names", id);
    }
}`;

describe("/sys/kv_storage from a Weft contract", () => {
  it("creates a table, writes and reads rows; a failing transaction leaves no row behind", () => {
    const c = chain();
    const built = compile({ sources: { "registry.weft": kvUser } });
    expect(built.diagnostics).toEqual([]);
    const art = built.contracts[0]!;
    const regAbi = art.abi as unknown as Abi;
    const ctor = abi.encodeConstructorArgs(regAbi, ["/sys/kv_storage"]);
    expect(c.vm.deploy({ address: "/apps/registry", code: art.wasm, ctorArgs: ctor, abi: regAbi, sender: GOVERNOR, gasLimit: 1e9, block }).status).toBe(0);
    const run = (fn: string, args: unknown[]) => {
      const f = abi.findFunction(regAbi, fn);
      const r = c.vm.call({ to: "/apps/registry", input: abi.encodeCall(f, args, "keccak"), sender: OTHER, gasLimit: 1e8, block });
      return { r, out: r.status === 0 ? abi.decodeOutput(f, r.output) : null };
    };
    expect(run("setup", []).out).toEqual([0n]);
    expect(run("setup", []).out).toEqual([TABLE_EXISTS]);
    expect(run("put", ["7", "Ada"]).r.status).toBe(0);
    expect(run("lookup", ["7"]).out).toEqual([true, "Ada"]);
    const failed = run("putThenFail", ["8", "Bob"]);
    expect(failed.r.status).toBe(16);
    expect(run("lookup", ["8"]).out).toEqual([false, ""]);
    expect(c.state.getStorage("/sys/kv_storage", new TextEncoder().encode("r\x00names\x008"))).toBeUndefined();
  });
});
