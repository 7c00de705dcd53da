// std::system on the in-memory chain: a contract that reaches the system
// contracts (runtime/precompiles/) through the std interfaces and path
// constants gets the real precompiles' answers, on both crypto suites.
import { describe, expect, it } from "vitest";
import { TestChain, getSuite } from "../../runtime/index.ts";
import { SYSTEM_CONFIG } from "../../runtime/precompiles/index.ts";

const PROBE = `
use std::system::{CryptoTools, KvStorage, SystemStatus, CRYPTO_TOOLS, KV_STORAGE, STATUS, TABLE_EXISTS, TX_COUNT_LIMIT};

contract Probe {
    pub view fn sm3Of(data: bytes) -> bytes32 {
        return CryptoTools(CRYPTO_TOOLS as address).sm3(data);
    }

    pub view fn keccakOf(data: bytes) -> bytes32 {
        return CryptoTools(CRYPTO_TOOLS as address).keccak256Hash(data);
    }

    pub view fn verify(message: bytes32, publicKey: bytes, r: bytes32, s: bytes32) -> (bool, address) {
        return CryptoTools(CRYPTO_TOOLS as address).sm2Verify(message, publicKey, r, s);
    }

    pub view fn txCountLimit() -> (string, i64) {
        return SystemStatus(STATUS as address).getValueByKey(TX_COUNT_LIMIT);
    }

    pub fn setTxCountLimit(value: string) -> i32 {
        return SystemStatus(STATUS as address).setValueByKey(TX_COUNT_LIMIT, value);
    }

    /// Creates the table (twice: the second answer must be TABLE_EXISTS), then writes a row.
    pub fn store(key: string, value: string) -> i32 {
        let kv = KvStorage(KV_STORAGE as address);
        require(kv.createTable("notes", "id", "text") == 0, "fresh table");
        require(kv.createTable("notes", "id", "text") == TABLE_EXISTS, "table exists");
        return kv.set("notes", key, value);
    }

    pub view fn load(key: string) -> (bool, string) {
        return KvStorage(KV_STORAGE as address).get("notes", key);
    }

    pub view fn fields() -> (string, string) {
        return KvStorage(KV_STORAGE as address).desc("notes");
    }
}
`;

const utf8 = new TextEncoder();
const hex = (b: Uint8Array) => "0x" + Buffer.from(b).toString("hex");
const asHex = (v: unknown) => (v instanceof Uint8Array ? hex(v) : String(v).toLowerCase());

describe.each(["keccak", "sm"] as const)("std::system on a %s chain", (crypto) => {
  const setup = async () => {
    const chain = await TestChain.create({ crypto });
    const probe = await chain.deploySource({ "probe.weft": PROBE }, "Probe", [], { from: "alice" });
    return { chain, probe };
  };

  it("hashes with /sys/crypto_tools: SM3 and keccak-256 whatever the chain's suite", async () => {
    const { probe } = await setup();
    const data = utf8.encode("weft standard library");
    expect(asHex(await probe.call("sm3Of", [data]))).toBe(hex(getSuite("sm").hash(data)));
    expect(asHex(await probe.call("keccakOf", [data]))).toBe(hex(getSuite("ecdsa").hash(data)));
  });

  it("verifies an SM2 signature and names its signer, and rejects a wrong message", async () => {
    const { probe } = await setup();
    const sm = getSuite("sm");
    const keys = sm.generateKeyPair();
    const digest = sm.hash(utf8.encode("pay 10 to bob"));
    const sig = sm.sign(digest, keys.privateKey);
    const [r, s, pub] = [sig.subarray(0, 32), sig.subarray(32, 64), sig.subarray(64)];
    const good = (await probe.call("verify", [digest, pub, r, s])) as [boolean, string];
    expect(good[0]).toBe(true);
    expect(good[1].toLowerCase()).toBe(sm.addressOf(keys.publicKey).toLowerCase());
    const other = sm.hash(utf8.encode("pay 1000 to bob"));
    expect(await probe.call("verify", [other, pub, r, s])).toEqual([false, "0".repeat(40)]);
  });

  it("reads the chain's configuration from /sys/status", async () => {
    const { probe } = await setup();
    expect(await probe.call("txCountLimit")).toEqual([String(SYSTEM_CONFIG.tx_count_limit!.default), 0n]);
  });

  it("sets configuration only when the transaction comes from a governor", async () => {
    const { probe } = await setup();
    const denied = await probe.send("setTxCountLimit", ["500"], { from: "bob" });
    expect(denied.ok).toBe(false);
    expect(denied.message).toContain("only a governor");
    const r = await probe.send("setTxCountLimit", ["500"], { from: "alice" }); // alice is the test chain's governor
    expect(r.ok).toBe(true);
    expect(r.value).toBe(0n);
    // in force from the next block, as the interface's doc says
    expect(((await probe.call("txCountLimit")) as [string, bigint])[0]).toBe("1000");
    await probe.send("store", ["n", "next block"]);
    expect(await probe.call("txCountLimit")).toEqual(["500", BigInt(r.blockNumber) + 1n]);
  });

  it("creates a /sys/kv_storage table, writes a row and reads it back", async () => {
    const { probe } = await setup();
    const r = await probe.send("store", ["n1", "hello"]);
    expect(r.ok, r.message).toBe(true);
    expect(r.value).toBe(1n);
    expect(await probe.call("load", ["n1"])).toEqual([true, "hello"]);
    expect(await probe.call("load", ["n2"])).toEqual([false, ""]);
    expect(await probe.call("fields")).toEqual(["id", "text"]);
  });
});
