// Entry points and function bodies end to end: deploy (state initializers in
// declaration order, then init), locals and scopes, whole-array storage
// writes, view functions, bool/address results.
import { describe, expect, it } from "vitest";
import { abi } from "../../vm/index.ts";
import { ALICE, BOB, Chain, compile } from "./harness.ts";

describe("deploy", () => {
  const source = `contract Setup {
    state a: u32 = 7;
    state b: string = "seed";
    state owner: address = msg.sender;
    state total: u256;
    state log: string;
    state fixed: i16[3];

    init(extra: u256, note: string) {
      self.total = extra + (self.a as u256);
      self.log = self.b + ":" + note;
    }
    pub view fn values() -> (u32, string, address, u256, string) {
      return (self.a, self.b, self.owner, self.total, self.log);
    }
    pub fn setAll(xs: i16[3]) { self.fixed = xs; }
    pub view fn all() -> i16[3] { return self.fixed; }
    pub fn scopes(x: u32) -> u32 {
      let y = x + 1;
      let mut z: u32;
      z = y;
      {
        let y = z * 2;
        z = y;
      }
      let y = y + z;
      return y;
    }
  }`;

  it("runs state initializers in declaration order, then init", () => {
    const chain = new Chain();
    const c = chain.deploy(compile(source), [100n, "n"], { sender: BOB });
    expect(c.ok("values", [], ALICE)).toEqual([7n, "seed", BOB, 107n, "seed:n"]);
    expect(chain.storage(c.address, "a")).toEqual(abi.encodeAs({ type: "uint32" }, 7n));
  });

  it("writes whole fixed arrays element by element", () => {
    const c = new Chain().deploy(compile(source), [0n, ""]);
    c.ok("setAll", [[1n, -2n, 3n]]);
    expect(c.ok("all")).toEqual([1n, -2n, 3n]);
  });

  it("scopes and shadows locals", () => {
    const c = new Chain().deploy(compile(source), [0n, ""]);
    expect(c.ok("scopes", [3n])).toBe(12n);
  });

  it("rejects missing or extra constructor arguments", () => {
    const compiled = compile(source);
    const chain = new Chain();
    expect(chain.deployRaw(compiled, new Uint8Array(0)).status).toBe(16);
    const args = abi.encodeConstructorArgs(compiled.abi, [1n, "x"]);
    expect(chain.deployRaw(compiled, abi.concatBytes(args, Uint8Array.of(0))).revert).toMatchObject({ kind: "panic", code: 0x31 });
    expect(chain.deployRaw(compiled, args).status).toBe(0);
  });
});
