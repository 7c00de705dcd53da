// State in storage: the exact keys and values of docs/abi.md ("Storage
// keys"), read back from the VM's state; nested maps, contains/remove,
// structs (one key per field), fixed and dynamic arrays with bounds checks,
// push/pop, whole-value reads and writes.
import { describe, expect, it } from "vitest";
import { abi } from "../../vm/index.ts";
import { ALICE, BOB, Chain, compile } from "./harness.ts";

const utf8 = new TextEncoder();
const cat = (...parts: (string | Uint8Array)[]) => abi.concatBytes(...parts.map((p) => (typeof p === "string" ? utf8.encode(p) : p)));
const scale = (type: string, v: unknown) => abi.encodeAs({ type }, v);
const u32 = (i: number) => scale("uint32", i);

const source = `contract Store {
  struct Order { owner: address, amount: u128, open: bool }
  struct Box { items: u32[], label: string }
  state count: u64;
  state name: string;
  state balances: map<address, u256>;
  state allowances: map<address, map<address, u256>>;
  state orders: map<u64, Order>;
  state last: Order;
  state list: u32[];
  state fixed: i16[3];
  state boxes: map<string, Box>;

  pub fn setCount(v: u64) { self.count = v; }
  pub fn setName(s: string) { self.name = s; }
  pub fn credit(who: address, v: u256) { self.balances[who] += v; }
  pub fn approve(owner: address, spender: address, v: u256) { self.allowances[owner][spender] = v; }
  pub view fn allowance(owner: address, spender: address) -> u256 { return self.allowances[owner][spender]; }
  pub view fn has(who: address) -> bool { return self.balances.contains(who); }
  pub fn drop(who: address) { self.balances.remove(who); }
  pub view fn balance(who: address) -> u256 { return self.balances[who]; }

  pub fn place(id: u64, amount: u128) {
    self.orders[id] = Order { owner: msg.sender, amount: amount, open: true };
  }
  pub fn close(id: u64) { self.orders[id].open = false; }
  pub view fn order(id: u64) -> Order { return self.orders[id]; }
  pub view fn hasOrder(id: u64) -> bool { return self.orders.contains(id); }
  pub fn cancel(id: u64) { self.orders.remove(id); }
  pub fn copyLast(id: u64) { self.last = self.orders[id]; }
  pub fn bumpLast(by: u128) { self.last.amount += by; }
  pub view fn lastOrder() -> Order { return self.last; }

  pub fn push(v: u32) { self.list.push(v); }
  pub fn pop() -> u32 { return self.list.pop(); }
  pub view fn get(i: u32) -> u32 { return self.list[i]; }
  pub fn set(i: u32, v: u32) { self.list[i] = v; }
  pub view fn size() -> u32 { return self.list.length; }
  pub view fn all() -> u32[] { return self.list; }
  pub fn replace(xs: u32[]) { self.list = xs; }
  pub fn setFixed(i: u32, v: i16) { self.fixed[i] = v; }
  pub view fn getFixed() -> i16[3] { return self.fixed; }

  pub fn addItem(k: string, v: u32) { self.boxes[k].items.push(v); self.boxes[k].label = k; }
  pub view fn box(k: string) -> Box { return self.boxes[k]; }
  pub view fn item(k: string, i: u32) -> u32 { return self.boxes[k].items[i]; }
  pub fn clearBox(k: string) { self.boxes.remove(k); }
}`;

describe.each([false, true])("storage (optimize: %s)", (optimize) => {
  const chain = new Chain();
  const c = chain.deploy(compile(source, { optimize }));
  const at = (key: Uint8Array | string) => chain.storage(c.address, key);

  it("stores scalars under their name as SCALE", () => {
    c.ok("setCount", [0x0102n]);
    expect(at("count")).toEqual(scale("uint64", 0x0102n));
    c.ok("setName", ["hi"]);
    expect(at("name")).toEqual(scale("string", "hi"));
  });

  it("keys map entries by name ‖ $ ‖ SCALE(key), nested maps per level", () => {
    c.ok("credit", [BOB, 5n]);
    c.ok("credit", [BOB, 6n]);
    expect(at(cat("balances$", scale("string", BOB)))).toEqual(scale("uint256", 11n));
    c.ok("approve", [ALICE, BOB, 9n]);
    expect(at(cat("allowances$", scale("string", ALICE), "$", scale("string", BOB)))).toEqual(scale("uint256", 9n));
    expect(c.ok("allowance", [ALICE, BOB])).toBe(9n);
    expect(c.ok("allowance", [BOB, ALICE])).toBe(0n);
  });

  it("contains is 'the key exists'; remove deletes it", () => {
    expect(c.ok("has", [BOB])).toBe(true);
    expect(c.ok("has", [ALICE])).toBe(false);
    c.ok("credit", [ALICE, 0n]); // a stored zero still exists
    expect(c.ok("has", [ALICE])).toBe(true);
    c.ok("drop", [BOB]);
    expect(c.ok("has", [BOB])).toBe(false);
    expect(c.ok("balance", [BOB])).toBe(0n);
    expect(at(cat("balances$", scale("string", BOB)))).toBeUndefined();
  });

  it("spreads structs over one key per field", () => {
    c.ok("place", [7n, 1000n]);
    const base = cat("orders$", scale("uint64", 7n));
    expect(at(cat(base, ".owner"))).toEqual(scale("string", ALICE)); // digits only: checksumming keeps it
    expect(at(cat(base, ".amount"))).toEqual(scale("uint128", 1000n));
    expect(at(cat(base, ".open"))).toEqual(Uint8Array.of(1));
    c.ok("close", [7n]);
    expect(at(cat(base, ".open"))).toEqual(Uint8Array.of(0));
    expect(c.ok("order", [7n])).toMatchObject({ amount: 1000n, open: false });
    expect(c.ok("order", [8n])).toEqual({ owner: "", amount: 0n, open: false });
    expect(c.ok("hasOrder", [7n])).toBe(true);
    expect(c.ok("hasOrder", [8n])).toBe(false);
  });

  it("copies whole structs between storage locations and removes all their keys", () => {
    c.ok("copyLast", [7n]);
    c.ok("bumpLast", [1n]);
    expect(c.ok("lastOrder")).toMatchObject({ amount: 1001n, open: false });
    expect(c.ok("order", [7n])).toMatchObject({ amount: 1000n });
    expect(at("last.amount")).toEqual(scale("uint128", 1001n));
    c.ok("cancel", [7n]);
    expect(c.ok("hasOrder", [7n])).toBe(false);
    for (const f of [".owner", ".amount", ".open"]) expect(at(cat("orders$", scale("uint64", 7n), f))).toBeUndefined();
  });

  it("keeps a dynamic array's length under its name and elements under $SCALE(u32 i)", () => {
    c.ok("push", [10n]);
    c.ok("push", [20n]);
    c.ok("push", [30n]);
    expect(at("list")).toEqual(u32(3));
    expect(at(cat("list$", u32(1)))).toEqual(u32(20));
    expect(c.ok("size")).toBe(3n);
    expect(c.ok("get", [2n])).toBe(30n);
    c.panics("get", [3n], 0x32);
    c.panics("set", [3n, 1n], 0x32);
    c.ok("set", [0n, 11n]);
    expect(c.ok("all")).toEqual([11n, 20n, 30n]);
    expect(c.ok("pop")).toBe(30n);
    expect(at(cat("list$", u32(2)))).toBeUndefined();
    expect(at("list")).toEqual(u32(2));
    c.ok("pop");
    c.ok("pop");
    c.panics("pop", [], 0x32);
  });

  it("writes whole arrays and deletes the old tail", () => {
    c.ok("replace", [[1n, 2n, 3n, 4n]]);
    expect(c.ok("all")).toEqual([1n, 2n, 3n, 4n]);
    c.ok("replace", [[9n]]);
    expect(c.ok("all")).toEqual([9n]);
    expect(at(cat("list$", u32(1)))).toBeUndefined();
    expect(at(cat("list$", u32(3)))).toBeUndefined();
  });

  it("bounds-checks fixed arrays against their size", () => {
    c.ok("setFixed", [2n, -5n]);
    expect(at(cat("fixed$", u32(2)))).toEqual(scale("int16", -5n));
    expect(c.ok("getFixed")).toEqual([0n, 0n, -5n]);
    c.panics("setFixed", [3n, 1n], 0x32);
  });

  it("nests arrays in structs in maps", () => {
    c.ok("addItem", ["a", 4n]);
    c.ok("addItem", ["a", 5n]);
    const base = cat("boxes$", scale("string", "a"));
    expect(at(cat(base, ".items"))).toEqual(u32(2));
    expect(at(cat(base, ".items$", u32(1)))).toEqual(u32(5));
    expect(c.ok("box", ["a"])).toEqual({ items: [4n, 5n], label: "a" });
    expect(c.ok("item", ["a", 1n])).toBe(5n);
    c.panics("item", ["a", 2n], 0x32);
    c.ok("clearBox", ["a"]);
    expect(c.ok("box", ["a"])).toEqual({ items: [], label: "" });
    expect(at(cat(base, ".items$", u32(0)))).toBeUndefined();
    expect(at(cat(base, ".items"))).toBeUndefined();
  });
});
