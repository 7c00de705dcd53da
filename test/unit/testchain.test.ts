import { describe, expect, it } from "vitest";
import { TestChain, CompileFailed, TransactionFailed, testAccount, addressOf } from "../../runtime/index.ts";

const counter = `
contract Counter {
    state n: u64;
    pub fn bump() -> u64 { self.n += 1; return self.n; }
    pub view fn get() -> u64 { return self.n; }
    pub view fn height() -> u64 { return block.number; }
    pub view fn now() -> u64 { return block.timestamp; }
    pub view fn caller() -> address { return msg.sender; }
}`;

describe("TestChain", () => {
  it("has the same named accounts on every machine, per crypto suite", async () => {
    const k = await TestChain.create();
    const s = await TestChain.create({ crypto: "sm" });
    expect(k.accounts.alice).toBe(testAccount("alice", "keccak").address);
    expect(k.accounts.alice).toMatch(/^[0-9a-fA-F]{40}$/);
    expect(k.accounts.alice).not.toBe(s.accounts.alice);
    expect(addressOf(k.account("bob").publicKey, "keccak")).toBe(k.accounts.bob);
    expect(Object.keys(k.accounts)).toHaveLength(8);
  });

  it("seals one block per transaction with deterministic time; calls keep no effects", async () => {
    const chain = await TestChain.create({ genesisTime: 1_000_000, blockInterval: 500 });
    const c = await chain.deploySource(counter, "Counter");
    expect(chain.blockNumber).toBe(1);
    expect((await c.send("bump")).value).toBe(1n);
    expect(chain.blockNumber).toBe(2);
    expect(await c.call("bump")).toBe(2n);
    expect(await c.call("get")).toBe(1n);
    expect(chain.blockNumber).toBe(2);
    expect(await c.call("height")).toBe(2n);
    expect(await c.call("now")).toBe(1_000_000n + 2n * 500n);
    expect(await c.call("caller", [], { from: "carol" })).toBe(chain.accounts.carol);
  });

  it("numbers paths when a name is taken and honours an explicit path", async () => {
    const chain = await TestChain.create();
    expect((await chain.deploySource(counter, "Counter")).address).toBe("/apps/counter");
    expect((await chain.deploySource(counter, "Counter")).address).toBe("/apps/counter_2");
    expect((await chain.deploySource(counter, "Counter", [], { path: "/apps/mine" })).address).toBe("/apps/mine");
  });

  it("reports compile errors with rendered diagnostics", async () => {
    const chain = await TestChain.create();
    const err = await chain.deploySource("contract X { pub fn f() -> u8 { return 300; } }", "X").catch((e) => e);
    expect(err).toBeInstanceOf(CompileFailed);
    expect(err.message).toMatch(/error\[E0\d{3}\]/);
  });

  it("throws TransactionFailed with the receipt from a failing call", async () => {
    const chain = await TestChain.create();
    const c = await chain.deploySource(`contract F { pub view fn f(x: u8) -> u8 { return x + 250; } }`, "F");
    expect(await c.call("f", [5n])).toBe(255n);
    const err = (await c.call("f", [6n]).catch((e: unknown) => e)) as TransactionFailed;
    expect(err).toBeInstanceOf(TransactionFailed);
    expect(err.receipt.revert).toMatchObject({ kind: "panic", code: 0x11 });
    expect(() => c.encode("f", [256n])).toThrow();
    expect(() => c.encode("nope", [])).toThrow();
  });
});
