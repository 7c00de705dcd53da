// Environment wrappers and failures, against the JS bcos host.
import { describe, expect, it } from "vitest";
import { Support, panicCode } from "./harness.ts";
import { ERROR_KECCAK, ERROR_SM3, PANIC_KECCAK, PANIC_SM3 } from "./selectors.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const utf8 = (b: Uint8Array) => Buffer.from(b).toString("utf8");

describe("failures", () => {
  it("rt_panic reverts with Panic(uint32) selector ‖ u32 LE code, per crypto", () => {
    const s = new Support();
    for (const code of [0x01, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32, 0x41, 0x51]) {
      const r = s.attempt(() => s.x.rt_panic(code));
      expect(!r.ok && panicCode(r.data, PANIC_KECCAK)).toBe(code);
    }
    s.x.rt_set_crypto(1);
    const r = s.attempt(() => s.x.rt256_div(s.big(1n), s.big(0n), 256, 0));
    expect(!r.ok && hex(r.data)).toBe(PANIC_SM3.toString(16).padStart(8, "0") + "12000000");
  });

  it("rt_revert_string reverts with Error(string) selector ‖ SCALE(string)", () => {
    const s = new Support();
    const long = "x".repeat(70); // two-byte compact length
    for (const [sm, sel] of [[0, ERROR_KECCAK], [1, ERROR_SM3]] as const) {
      s.x.rt_set_crypto(sm);
      for (const text of ["", "not enough balance", long]) {
        const r = s.attempt(() => s.x.rt_revert_string(s.bytes(text)));
        const len = text.length < 64 ? (text.length << 2).toString(16).padStart(2, "0") : "1901";
        expect(!r.ok && hex(r.data)).toBe(sel.toString(16).padStart(8, "0") + len + hex(new TextEncoder().encode(text)));
      }
    }
  });

  it("rt_revert reverts with the raw bytes", () => {
    const s = new Support();
    const r = s.attempt(() => s.x.rt_revert(s.bytes(Uint8Array.of(1, 2, 3))));
    expect(!r.ok && hex(r.data)).toBe("010203");
  });

  it("the selectors are the documented ones", () => {
    expect(ERROR_KECCAK).toBe(0x08c379a0); // Solidity's Error(string)
    expect(new Set([PANIC_KECCAK, PANIC_SM3, ERROR_KECCAK, ERROR_SM3]).size).toBe(4);
  });
});

describe("environment", () => {
  it("call data, finish, caller, origin, own address, block", () => {
    const s = new Support();
    s.host.calldata = Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 7);
    expect(hex(s.readBytes(s.x.rt_calldata()))).toBe("deadbeef07");
    s.x.rt_finish(s.bytes(Uint8Array.of(9, 8)));
    expect(hex(s.host.output!)).toBe("0908");
    expect(utf8(s.readBytes(s.x.rt_caller()))).toBe(s.host.caller);
    expect(utf8(s.readBytes(s.x.rt_origin()))).toBe(s.host.origin);
    s.host.self = "/apps/" + "a".repeat(300);
    expect(utf8(s.readBytes(s.x.rt_self_address()))).toBe(s.host.self);
    expect(s.x.rt_block_number()).toBe(7n);
    expect(s.x.rt_block_timestamp()).toBe(1_700_000_000_000n);
    // what the host wrote is committed: the next allocation comes after it
    const addr = s.x.rt_caller();
    const next = s.x.rt_alloc(8);
    expect(next).toBeGreaterThanOrEqual(addr + 4 + 42);
    expect(utf8(s.readBytes(addr))).toBe(s.host.caller);
  });

  it("storage get, set, delete; missing keys read as 0", () => {
    const s = new Support();
    const key = s.bytes("balance$" + "k");
    expect(s.x.rt_storage_get(key)).toBe(0);
    const value = new Uint8Array(16384).map((_, i) => i & 0xff);
    s.x.rt_storage_set(key, s.bytes(value));
    const got = s.x.rt_storage_get(key);
    expect(hex(s.readBytes(got))).toBe(hex(value));
    expect(s.x.rt_alloc(0)).toBeGreaterThanOrEqual(got + 4 + 16384);
    s.x.rt_storage_set(key, s.bytes(Uint8Array.of(1)));
    expect(hex(s.readBytes(s.x.rt_storage_get(key)))).toBe("01");
    s.x.rt_storage_delete(key);
    expect(s.host.storage.size).toBe(0);
    expect(s.x.rt_storage_get(key)).toBe(0);
    // memory past the heap top stays zero after a lookup
    const fresh = s.x.rt_bytes_new(64);
    expect(s.readBytes(fresh).every((b) => b === 0)).toBe(true);
  });

  it("log passes data and n topics", () => {
    const s = new Support();
    const t = [1, 2, 3, 4].map((k) => { const p = s.x.rt_alloc(32); s.mem.fill(k, p, p + 32); return p; });
    s.x.rt_log(s.bytes(Uint8Array.of(5, 6)), 2, t[0], t[1], 0, 0);
    s.x.rt_log(s.bytes(new Uint8Array()), 4, t[0], t[1], t[2], t[3]);
    expect(s.host.logs.map((l) => [hex(l.data), l.topics.map((x) => x[0])])).toEqual([["0506", [1, 2]], ["", [1, 2, 3, 4]]]);
  });

  it("call returns the return data; a failed status reverts with it", () => {
    const s = new Support();
    s.host.onCall = (addr, data) => (addr === "/apps/ok" ? [0, Uint8Array.of(...data, 0xff)] : [1, Uint8Array.of(0xee)]);
    const out = s.x.rt_call(s.bytes("/apps/ok"), s.bytes(Uint8Array.of(1, 2)));
    expect(hex(s.readBytes(out))).toBe("0102ff");
    expect(s.host.calls[0]).toEqual({ addr: "/apps/ok", data: Uint8Array.of(1, 2) });
    s.host.onCall = () => [0, new Uint8Array()];
    expect(s.readBytes(s.x.rt_call(s.bytes("/apps/ok"), s.bytes(""))).length).toBe(0);
    s.host.onCall = () => [1, Uint8Array.of(0xee)];
    const r = s.attempt(() => s.x.rt_call(s.bytes("/apps/bad"), s.bytes("")));
    expect(!r.ok && hex(r.data)).toBe("ee");
  });

  it("code size", () => {
    const s = new Support();
    s.host.codeSizes.set("/apps/token", 1234);
    expect(s.x.rt_code_size(s.bytes("/apps/token"))).toBe(1234);
    expect(s.x.rt_code_size(s.bytes("/apps/none"))).toBe(0);
  });
});
