import { describe, expect, it } from "vitest";
import { deployExample } from "./helpers.ts";

describe.each(["keccak", "sm"] as const)("Token on a %s chain", (crypto) => {
  const setup = () => deployExample("token.weft", "Token", () => ["Weft Credit", "WFC", 1000n], crypto);

  it("starts with the whole supply at the deployer", async () => {
    const { chain, c } = await setup();
    expect(await c.call("totalSupply")).toBe(1000n);
    expect(await c.call("balanceOf", [chain.accounts.alice])).toBe(1000n);
    expect(await c.call("balanceOf", [chain.accounts.bob])).toBe(0n);
    expect(await c.call("name")).toBe("Weft Credit");
    expect(await c.call("symbol")).toBe("WFC");
  });

  it("transfers, emitting Transfer with hashed indexed addresses", async () => {
    const { chain, c } = await setup();
    const r = await c.send("transfer", [chain.accounts.bob, 250n], { from: "alice" });
    expect(r.ok).toBe(true);
    expect(r.value).toBe(true);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.name).toBe("Transfer");
    expect(r.events[0]!.args).toMatchObject({ amount: 250n });
    expect(r.events[0]!.topics).toHaveLength(3);
    expect(await c.call("balanceOf", [chain.accounts.alice])).toBe(750n);
    expect(await c.call("balanceOf", [chain.accounts.bob])).toBe(250n);
  });

  it("refuses to overdraw with Insufficient(have, need) and changes nothing", async () => {
    const { chain, c } = await setup();
    const r = await c.send("transfer", [chain.accounts.carol, 1001n], { from: "alice" });
    expect(r.status).toBe(16);
    expect(r.revert).toMatchObject({ kind: "custom", name: "Insufficient", args: { have: 1000n, need: 1001n } });
    expect(r.events).toEqual([]);
    expect(await c.call("balanceOf", [chain.accounts.alice])).toBe(1000n);
    expect(await c.call("balanceOf", [chain.accounts.carol])).toBe(0n);
  });

  it("spends allowances exactly once", async () => {
    const { chain, c } = await setup();
    const { alice, bob, carol } = chain.accounts as Record<string, string>;
    expect((await c.send("approve", [bob, 100n], { from: "alice" })).events[0]!.name).toBe("Approval");
    expect(await c.call("allowance", [alice, bob])).toBe(100n);
    expect((await c.send("transferFrom", [alice, carol, 60n], { from: "bob" })).ok).toBe(true);
    expect(await c.call("allowance", [alice, bob])).toBe(40n);
    const again = await c.send("transferFrom", [alice, carol, 60n], { from: "bob" });
    expect(again.revert).toMatchObject({ name: "Insufficient", args: { have: 40n, need: 60n } });
    expect(await c.call("balanceOf", [carol])).toBe(60n);
  });

  it("lets only the issuer mint, with overflow checked", async () => {
    const { chain, c } = await setup();
    const denied = await c.send("mint", [chain.accounts.bob, 5n], { from: "bob" });
    expect(denied.revert).toMatchObject({ kind: "custom", name: "NotIssuer", args: { caller: chain.accounts.bob } });
    expect((await c.send("mint", [chain.accounts.bob, 5n], { from: "alice" })).ok).toBe(true);
    expect(await c.call("totalSupply")).toBe(1005n);
    const overflow = await c.send("mint", [chain.accounts.bob, 2n ** 256n - 1n], { from: "alice" });
    expect(overflow.revert).toMatchObject({ kind: "panic", code: 0x11 });
    expect(await c.call("totalSupply")).toBe(1005n);
  });

  it("sends to oneself without creating units", async () => {
    const { chain, c } = await setup();
    expect((await c.send("transfer", [chain.accounts.alice, 400n], { from: "alice" })).ok).toBe(true);
    expect(await c.call("balanceOf", [chain.accounts.alice])).toBe(1000n);
  });
});
