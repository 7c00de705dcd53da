// Calls between contracts through interfaces, failing callees, the VM's
// reentrancy guard, abi.encode/abi.decode, and a whole contract on an SM
// chain (hash_type 1, SM3 selectors and topics).
import { describe, expect, it } from "vitest";
import binaryen from "binaryen";
import smCrypto from "sm-crypto";
import { abi } from "../../vm/index.ts";
import { BOB, Chain, compile, compileAll } from "./harness.ts";

const utf8 = new TextEncoder();
const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));
const sm3 = (b: Uint8Array | string) => hex(smCrypto.sm3(Array.from(typeof b === "string" ? utf8.encode(b) : b)));

const twoContracts = `
interface Oracle {
  fn price(asset: string) -> u256;
  fn pair(a: u32) -> (u32, string);
  fn touch(n: u64);
}
contract Feed {
  state prices: map<string, u256>;
  state touched: u64;
  pub fn set(asset: string, p: u256) { self.prices[asset] = p; }
  pub fn price(asset: string) -> u256 {
    require(self.prices.contains(asset), "unknown asset");
    return self.prices[asset];
  }
  pub fn pair(a: u32) -> (u32, string) { return (a * 2, "two"); }
  pub fn touch(n: u64) { self.touched = n; }
  pub view fn lastTouch() -> u64 { return self.touched; }
}
contract Client {
  state feed: address;
  init(feed: address) { self.feed = feed; }
  pub fn quote(asset: string, qty: u256) -> u256 {
    return Oracle(self.feed).price(asset) * qty;
  }
  pub fn both(a: u32) -> (u32, string) {
    Oracle(self.feed).touch(a as u64);
    let (x, s) = Oracle(self.feed).pair(a);
    return (x + 1, s);
  }
  pub fn typed(asset: string) -> u256 {
    return Feed(self.feed).price(asset);
  }
}`;

describe("calls through interfaces", () => {
  const built = compileAll(twoContracts);
  const chain = new Chain();
  const feed = chain.deploy(built.get("Feed")!);
  const client = chain.deploy(built.get("Client")!, [feed.address]);

  it("encodes the call, decodes the result", () => {
    feed.ok("set", ["WFT", 12n]);
    expect(client.ok("quote", ["WFT", 3n])).toBe(36n);
    expect(client.ok("typed", ["WFT"])).toBe(12n);
    expect(client.ok("both", [5n])).toEqual([11n, "two"]);
    expect(feed.ok("lastTouch")).toBe(5n);
  });

  it("fails the caller when the callee fails, with the callee's revert data", () => {
    const r = client.call("quote", ["NOPE", 1n]);
    expect(r.status).toBe(16);
    expect(r.revert).toMatchObject({ kind: "error", message: "unknown asset" });
  });

  it("fails the caller when checked arithmetic on the result overflows", () => {
    feed.ok("set", ["BIG", 1n << 255n]);
    client.panics("quote", ["BIG", 2n], 0x11);
  });

  it("fails when the callee does not exist", () => {
    const orphan = chain.deploy(built.get("Client")!, ["/apps/nothing"]);
    expect(orphan.call("quote", ["WFT", 1n]).status).not.toBe(0);
  });
});

describe("reentrancy", () => {
  // Vault.withdraw calls back into its caller (whose callback is therefore
  // `reentrant`) before zeroing the credit; the callback calls into Vault
  // again while Vault is still on the call stack.
  const source = `
  interface Bank { fn deposit(amount: u64); fn withdraw(); fn balance() -> u64; }
  interface Receiver { fn onWithdraw(bank: address); }
  contract Vault {
    state credit: map<address, u64>;
    pub fn deposit(amount: u64) { self.credit[msg.sender] += amount; }
    pub fn withdraw() {
      if self.credit[msg.sender] > 0 { Receiver(msg.sender).onWithdraw(self.address); }
      self.credit[msg.sender] = 0;
    }
    pub reentrant fn balance() -> u64 { return self.credit[msg.sender]; }
  }
  contract Robber {
    pub fn start(bank: address) { Bank(bank).deposit(5); Bank(bank).withdraw(); }
    pub reentrant fn onWithdraw(bank: address) { Bank(bank).withdraw(); }
  }
  contract Polite {
    state seen: u64;
    pub fn start(bank: address) { Bank(bank).deposit(7); Bank(bank).withdraw(); }
    pub reentrant fn onWithdraw(bank: address) { self.seen = Bank(bank).balance(); }
    pub view fn observed() -> u64 { return self.seen; }
  }`;
  const built = compileAll(source);
  const chain = new Chain();
  const vault = chain.deploy(built.get("Vault")!);

  it("refuses a call back into a contract on the call stack (Panic 0x52), failing the whole call", () => {
    const robber = chain.deploy(built.get("Robber")!);
    const r = robber.call("start", [vault.address]);
    expect(r.status).toBe(16);
    expect(r.revert).toMatchObject({ kind: "panic", code: 0x52 });
    expect(r.failedAt).toBe(vault.address);
  });

  it("lets the call through when the callee function is `reentrant`", () => {
    const polite = chain.deploy(built.get("Polite")!);
    expect(polite.call("start", [vault.address]).status).toBe(0);
    expect(polite.ok("observed")).toBe(7n);
  });
});

describe("abi.encode / abi.decode", () => {
  const c = new Chain().deploy(
    compile(`contract Codec {
      struct P { a: u16, s: string }
      pub fn enc(a: u256, s: string, xs: i8[], p: P) -> bytes { return abi.encode(a, s, xs, p); }
      pub fn dec(data: bytes) -> (u256, string, i8[], P) { return abi.decode<(u256, string, i8[], P)>(data); }
      pub fn one(data: bytes) -> u32 { return abi.decode<u32>(data); }
    }`),
  );

  it("encodes SCALE of the values in order and decodes it back", () => {
    const p = { a: 7n, s: "x" };
    const data = c.ok("enc", [1n, "s", [-1n, 2n], p]) as Uint8Array;
    expect(data).toEqual(
      abi.concatBytes(abi.encodeAs({ type: "uint256" }, 1n), abi.encodeAs({ type: "string" }, "s"), abi.encodeAs({ type: "int8[]" }, [-1n, 2n]), abi.encodeAs({ type: "uint16" }, 7n), abi.encodeAs({ type: "string" }, "x")),
    );
    expect(c.ok("dec", [data])).toEqual([1n, "s", [-1n, 2n], p]);
  });

  it("rejects malformed or trailing bytes (Panic 0x31)", () => {
    expect(c.ok("one", [Uint8Array.of(1, 0, 0, 0)])).toBe(1n);
    c.panics("one", [Uint8Array.of(1, 0, 0)], 0x31);
    c.panics("one", [Uint8Array.of(1, 0, 0, 0, 0)], 0x31);
  });
});

/** Instantiates a module with inert `bcos` imports and calls its `hash_type`. */
async function hashType(wasm: Uint8Array): Promise<number> {
  const WA = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array, i: object): Promise<{ instance: { exports: Record<string, () => number> } }> } }).WebAssembly;
  const { instance } = await WA.instantiate(wasm, { bcos: new Proxy({}, { get: () => () => 0 }) });
  return instance.exports.hash_type!();
}

describe("an SM chain", () => {
  const source = `contract Sm {
    state n: u32;
    event Bumped(indexed by: address, n: u32);
    error Limit(n: u32);
    pub fn bump() -> u32 {
      require(self.n < 2, Limit(self.n));
      self.n += 1;
      emit Bumped(msg.sender, self.n);
      return self.n;
    }
    pub fn digest(b: bytes) -> bytes32 { return hash(b); }
    pub fn boom(x: u8) -> u8 { return x + 255; }
  }`;
  const compiled = compile(source, { crypto: "sm" });

  it("exports hash_type 1 (0 for keccak)", async () => {
    expect(await hashType(compiled.wasm)).toBe(1);
    expect(await hashType(compile(source, { crypto: "keccak" }).wasm)).toBe(0);
  });

  it("is refused by a keccak chain", () => {
    const r = new Chain("keccak").deployRaw(compiled, new Uint8Array(0));
    expect(r.status).not.toBe(0);
  });

  it("dispatches on SM3 selectors, emits SM3 topic0, reverts with SM3 error selectors", () => {
    const chain = new Chain("sm");
    const c = chain.deploy(compiled);
    const input = abi.concatBytes(sm3("bump()").slice(0, 4));
    const r = c.callRaw(input, BOB);
    expect(r.status).toBe(0);
    expect(r.output).toEqual(abi.encodeAs({ type: "uint32" }, 1n));
    expect(r.logs[0]!.topics[0]).toEqual(sm3("Bumped"));
    expect(r.logs[0]!.topics[1]).toEqual(sm3(BOB)); // digits only: the SM3 checksum keeps it
    // the keccak selector is unknown on this module
    const k = c.callRaw(abi.selectorBytes("bump()", "keccak"));
    expect(k.revertData).toEqual(abi.concatBytes(sm3("Panic(uint32)").slice(0, 4), abi.encodeAs({ type: "uint32" }, 0x51n)));
    c.ok("bump");
    const limit = c.call("bump");
    expect(limit.revertData).toEqual(abi.concatBytes(sm3("Limit(uint32)").slice(0, 4), abi.encodeAs({ type: "uint32" }, 2n)));
    const overflow = c.call("boom", [1n]);
    expect(overflow.revertData).toEqual(abi.concatBytes(sm3("Panic(uint32)").slice(0, 4), abi.encodeAs({ type: "uint32" }, 0x11n)));
    expect(c.ok("digest", [utf8.encode("abc")])).toEqual(sm3("abc"));
  });

  it("validates as MVP with bcos-only imports in both optimisation modes", () => {
    const opt = compile(source, { crypto: "sm", optimize: true });
    const mod = binaryen.readBinary(opt.wasm);
    mod.setFeatures(binaryen.Features.MVP);
    expect(mod.validate()).toBeTruthy();
    mod.dispose();
  });
});
