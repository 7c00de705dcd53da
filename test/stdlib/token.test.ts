// std::token on the in-memory chain: a contract that holds examples/token.weft
// units through the std `Fungible` interface moves them with typed calls, and
// raises the std `Insufficient` error, which clients decode like the token's.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { TestChain } from "../../runtime/index.ts";

const TOKEN = readFileSync(new URL("../../examples/token.weft", import.meta.url), "utf8");

const VAULT = `
use std::token::{Fungible, Insufficient};

/// Holds units of any Fungible token and pays them out.
contract Vault {
    /// Sends \`amount\` of the vault's units of \`token\` to \`to\`.
    pub fn pay(token: address, to: address, amount: u256) -> bool {
        let have = Fungible(token).balanceOf(self.address);
        require(have >= amount, Insufficient(have, amount));
        return Fungible(token).transfer(to, amount);
    }

    /// Pulls \`amount\` units from \`from\` into the vault, within the allowance \`from\` gave it.
    pub fn pull(token: address, from: address, amount: u256) -> bool {
        return Fungible(token).transferFrom(from, self.address, amount);
    }

    /// Lets \`spender\` move up to \`amount\` of the vault's units.
    pub fn allow(token: address, spender: address, amount: u256) -> bool {
        return Fungible(token).approve(spender, amount);
    }

    pub view fn describe(token: address) -> (string, string, u256, u256) {
        let t = Fungible(token);
        return (t.name(), t.symbol(), t.totalSupply(), t.allowance(self.address, msg.sender));
    }
}
`;

describe.each(["keccak", "sm"] as const)("std::token on a %s chain", (crypto) => {
  const setup = async () => {
    const chain = await TestChain.create({ crypto });
    const token = await chain.deploySource({ "examples/token.weft": TOKEN }, "Token", ["Weft Credit", "WFC", 1000n], { from: "alice" });
    const vault = await chain.deploySource({ "vault.weft": VAULT }, "Vault", [], { from: "alice" });
    return { chain, token, vault, a: chain.accounts as Record<string, string> };
  };

  it("pays out through Fungible.transfer, with the token's Transfer event in the receipt", async () => {
    const { token, vault, a } = await setup();
    expect((await token.send("transfer", [vault.address, 300n], { from: "alice" })).ok).toBe(true);
    const r = await vault.send("pay", [token.address, a.bob, 120n], { from: "carol" });
    expect(r.ok, r.message).toBe(true);
    expect(r.value).toBe(true);
    expect(r.events.map((e) => e.name)).toEqual(["Transfer"]);
    expect(r.events[0]!.args).toMatchObject({ amount: 120n });
    expect(await token.call("balanceOf", [a.bob])).toBe(120n);
    expect(await token.call("balanceOf", [vault.address])).toBe(180n);
  });

  it("refuses to pay more than it holds with std's Insufficient(have, need), decoded", async () => {
    const { token, vault, a } = await setup();
    await token.send("transfer", [vault.address, 10n], { from: "alice" });
    const r = await vault.send("pay", [token.address, a.bob, 11n]);
    expect(r.status).toBe(16);
    expect(r.revert).toMatchObject({ kind: "custom", name: "Insufficient", args: { have: 10n, need: 11n } });
    expect(await token.call("balanceOf", [vault.address])).toBe(10n);
  });

  it("pulls with Fungible.transferFrom within an allowance, and approves for others", async () => {
    const { token, vault, a } = await setup();
    await token.send("approve", [vault.address, 50n], { from: "alice" });
    expect((await vault.send("pull", [token.address, a.alice, 50n])).ok).toBe(true);
    expect(await token.call("balanceOf", [vault.address])).toBe(50n);
    expect(await token.call("allowance", [a.alice, vault.address])).toBe(0n);
    const again = await vault.send("pull", [token.address, a.alice, 1n]);
    expect(again.ok).toBe(false);
    expect(await token.call("balanceOf", [vault.address])).toBe(50n);

    expect((await vault.send("allow", [token.address, a.dave, 7n])).ok).toBe(true);
    expect(await token.call("allowance", [vault.address, a.dave])).toBe(7n);
  });

  it("reads name, symbol, supply and allowance through the view functions", async () => {
    const { token, vault, a } = await setup();
    await vault.send("allow", [token.address, a.erin, 3n]);
    expect(await vault.call("describe", [token.address], { from: "erin" })).toEqual(["Weft Credit", "WFC", 1000n, 3n]);
  });
});
