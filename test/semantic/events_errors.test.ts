// Events and revert data, byte for byte (docs/abi.md): topics, data,
// typed errors, Error(string), Panic codes, call-data validation.
import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { abi } from "../../vm/index.ts";
import { ALICE, Chain, compile } from "./harness.ts";

const utf8 = new TextEncoder();
const k = (b: Uint8Array | string) => keccak_256(typeof b === "string" ? utf8.encode(b) : b);
const scale = (type: string, v: unknown, components?: abi.AbiParam[]) => abi.encodeAs(components ? { type, components } : { type }, v);
/** A signed or unsigned integer as a 32-byte big-endian word. */
function word(v: bigint): Uint8Array {
  let u = BigInt.asUintN(256, v);
  const w = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, u >>= 8n) w[i] = Number(u & 0xffn);
  return w;
}
const sel = (sig: string) => k(sig).slice(0, 4);

describe("events", () => {
  const chain = new Chain();
  const c = chain.deploy(
    compile(`contract Ev {
      enum Kind { A, B, C }
      struct Tag { id: u32, name: string }
      event Ints(indexed a: u8, indexed b: i64, indexed c: i256, d: u256);
      event Texts(indexed s: string, indexed b: bytes, indexed w: address, rest: string);
      event Others(indexed k: Kind, indexed f: bytes4, indexed t: Tag, ok: bool, n: i16);
      event Plain(a: u32, s: string, xs: u8[]);
      event Nothing();
      pub fn ints(a: u8, b: i64, c: i256) { emit Ints(a, b, c, 5); }
      pub fn texts(s: string, b: bytes) { emit Texts(s, b, msg.sender, s + "!"); }
      pub fn others(n: i16) { emit Others(Kind::C, 0x01020304 as bytes4, Tag { id: 9, name: "t" }, true, n); }
      pub fn plain() { emit Plain(7, "x", [1, 2]); emit Nothing(); }
      pub fn fails() { emit Nothing(); revert "no"; }
    }`),
  );

  it("indexes integers as 32-byte big-endian words, sign-extended", () => {
    const r = c.call("ints", [200n, -2n, -(1n << 255n)]);
    expect(r.logs).toHaveLength(1);
    expect(r.logs[0]!.topics).toEqual([k("Ints"), word(200n), word(-2n), word(-(1n << 255n))]);
    expect(r.logs[0]!.data).toEqual(scale("uint256", 5n));
    expect(r.logs[0]!.address).toBe(c.address);
  });

  it("indexes string, bytes and address as the hash of their bytes", () => {
    const r = c.call("texts", ["hé", Uint8Array.of(1, 2, 3)]);
    expect(r.logs[0]!.topics).toEqual([k("Texts"), k("hé"), k(Uint8Array.of(1, 2, 3)), k(ALICE)]);
    expect(r.logs[0]!.data).toEqual(scale("string", "hé!"));
  });

  it("indexes enums as words, bytesN left-aligned, structs as the hash of their SCALE", () => {
    const r = c.call("others", [-3n]);
    const b4 = new Uint8Array(32);
    b4.set([1, 2, 3, 4]);
    const tag = abi.concatBytes(scale("uint32", 9n), scale("string", "t"));
    expect(r.logs[0]!.topics).toEqual([k("Others"), word(2n), b4, k(tag)]);
    expect(r.logs[0]!.data).toEqual(abi.concatBytes(Uint8Array.of(1), scale("int16", -3n)));
  });

  it("puts non-indexed fields in the data, in order", () => {
    const r = c.call("plain");
    expect(r.logs.map((l) => l.topics)).toEqual([[k("Plain")], [k("Nothing")]]);
    expect(r.logs[0]!.data).toEqual(abi.concatBytes(scale("uint32", 7n), scale("string", "x"), scale("uint8[]", [1n, 2n])));
    expect(r.logs[1]!.data).toEqual(new Uint8Array(0));
  });

  it("drops the events of a failed call", () => {
    const r = c.call("fails");
    expect(r.status).toBe(16);
    expect(r.logs).toEqual([]);
  });
});

describe("revert data", () => {
  const chain = new Chain();
  const compiled = compile(`contract Err {
    error TooBig(value: u256, limit: u256);
    error Named(who: address, note: string, code: i8);
    pub fn check(v: u256) -> u256 {
      require(v < 100, TooBig(v, 100));
      require(v != 42, "no answers here");
      assert(v != 43);
      return v;
    }
    pub fn named() { revert Named(msg.sender, "n", -1); }
    pub fn text() { revert "stop"; }
    pub fn take(a: u8, s: string, b: bool) -> u8 { return a; }
  }`);
  const c = chain.deploy(compiled);

  it("encodes typed errors as selector ‖ SCALE(fields)", () => {
    const r = c.call("check", [150n]);
    expect(r.status).toBe(16);
    expect(r.revertData).toEqual(abi.concatBytes(sel("TooBig(uint256,uint256)"), scale("uint256", 150n), scale("uint256", 100n)));
    expect(r.revert).toMatchObject({ kind: "custom", name: "TooBig", args: { value: 150n, limit: 100n } });
    const n = c.call("named");
    expect(n.revertData).toEqual(abi.concatBytes(sel("Named(string,string,int8)"), scale("string", ALICE), scale("string", "n"), scale("int8", -1n)));
  });

  it("encodes require/revert strings as Error(string)", () => {
    expect(c.call("check", [42n]).revertData).toEqual(abi.concatBytes(sel("Error(string)"), scale("string", "no answers here")));
    expect(c.call("text").revertData).toEqual(abi.concatBytes(Uint8Array.of(0x08, 0xc3, 0x79, 0xa0), scale("string", "stop")));
  });

  it("encodes failed asserts and runtime failures as Panic(uint32)", () => {
    expect(c.call("check", [43n]).revertData).toEqual(abi.concatBytes(sel("Panic(uint32)"), scale("uint32", 1n)));
    expect(c.ok("check", [44n])).toBe(44n);
  });

  it("rejects unknown selectors and short call data with Panic(0x51)", () => {
    const panic51 = abi.concatBytes(sel("Panic(uint32)"), scale("uint32", 0x51n));
    expect(c.callRaw(Uint8Array.of(1, 2, 3, 4)).revertData).toEqual(panic51);
    expect(c.callRaw(Uint8Array.of(1, 2)).revertData).toEqual(panic51);
    expect(c.callRaw(new Uint8Array(0)).revertData).toEqual(panic51);
  });

  it("decodes arguments strictly (Panic 0x31)", () => {
    const input = abi.encodeCall(abi.findFunction(compiled.abi, "take"), [1n, "s", true], "keccak");
    expect(c.callRaw(input).status).toBe(0);
    const panic31 = abi.concatBytes(sel("Panic(uint32)"), scale("uint32", 0x31n));
    expect(c.callRaw(abi.concatBytes(input, Uint8Array.of(0))).revertData).toEqual(panic31); // trailing byte
    expect(c.callRaw(input.slice(0, input.length - 1)).revertData).toEqual(panic31); // truncated
    const badBool = input.slice();
    badBool[badBool.length - 1] = 2;
    expect(c.callRaw(badBool).revertData).toEqual(panic31);
    const badUtf8 = input.slice();
    badUtf8[6] = 0xff; // the string's only byte
    expect(c.callRaw(badUtf8).revertData).toEqual(panic31);
  });

  it("decodes constructor arguments strictly", () => {
    const withCtor = compile(`contract K { state v: u32; init(v: u32) { self.v = v; } pub view fn get() -> u32 { return self.v; } }`);
    expect(chain.deploy(withCtor, [5n]).ok("get")).toBe(5n);
    expect(chain.deployRaw(withCtor, Uint8Array.of(5, 0, 0, 0, 0)).status).toBe(16);
    expect(chain.deployRaw(withCtor, Uint8Array.of(5, 0, 0)).status).toBe(16);
  });
});
