// Generated helpers are named by type; two different structs with the same
// name (a top-level one and a contract's own) must not share helpers.
import { describe, expect, it } from "vitest";
import { Chain, compileAll } from "./harness.ts";

describe("same-named structs", () => {
  it("get their own helpers", () => {
    const built = compileAll(`
      struct Pair { a: u8, b: u8 }
      interface Source { fn pair() -> Pair; }
      contract Provider {
        pub fn pair() -> Pair { return Pair { a: 1, b: 2 }; }
      }
      contract Local {
        struct Pair { x: string, y: u64 }
        state src: address;
        init(s: address) { self.src = s; }
        pub fn both(q: Pair) -> (Pair, u8) {
          let p = Source(self.src).pair();
          return (Pair { x: q.x, y: q.y + 1 }, p.a + p.b);
        }
      }`);
    const chain = new Chain();
    const provider = chain.deploy(built.get("Provider")!);
    const local = chain.deploy(built.get("Local")!, [provider.address]);
    expect(local.ok("both", [{ x: "s", y: 3n }])).toEqual([{ x: "s", y: 4n }, 3n]);
    expect(built.get("Local")!.generated).toEqual(expect.arrayContaining(["dec<Pair>", "dec<Pair'2>"]));
  });
});
