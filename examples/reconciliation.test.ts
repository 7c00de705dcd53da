import { describe, expect, it } from "vitest";
import { deployExample } from "./helpers.ts";

const DAY = 20260101n;
const Status = { Posted: 0n, Confirmed: 1n, Disputed: 2n };

describe("Reconciliation", () => {
  const setup = () => deployExample("reconciliation.weft", "Reconciliation", (chain) => [[chain.accounts.alice, chain.accounts.bob, chain.accounts.carol]]);

  it("posts entries with increasing ids for members only", async () => {
    const { chain, c } = await setup();
    const r = await c.send("post", [chain.accounts.bob, 500n, DAY, "INV-1"], { from: "alice" });
    expect(r.value).toBe(1n);
    expect(r.events[0]).toMatchObject({ name: "Posted", args: { id: 1n, amount: 500n, day: DAY } });
    expect((await c.send("post", [chain.accounts.carol, 7n, DAY, "INV-2"], { from: "bob" })).value).toBe(2n);
    expect((await c.send("post", [chain.accounts.bob, 7n, DAY, "x"], { from: "erin" })).revert).toMatchObject({ name: "NotMember" });
    expect((await c.send("post", [chain.accounts.erin, 7n, DAY, "x"], { from: "alice" })).revert).toMatchObject({ name: "NotMember" });
    expect((await c.send("post", [chain.accounts.bob, 0n, DAY, "x"], { from: "alice" })).revert).toEqual({ kind: "error", message: "amount must be positive" });
    expect(await c.call("entry", [1n])).toMatchObject({ from: chain.accounts.alice, to: chain.accounts.bob, amount: 500n, reference: "INV-1", status: Status.Posted });
    expect(await c.call("openEntries", [DAY])).toBe(2n);
  });

  it("moves net positions on confirmation; positions always sum to zero", async () => {
    const { chain, c } = await setup();
    const { alice, bob, carol } = chain.accounts as Record<string, string>;
    await c.send("post", [bob, 1_200_000n, DAY, "a"], { from: "alice" });
    await c.send("post", [carol, 300_000n, DAY, "b"], { from: "bob" });
    await c.send("post", [alice, 50_000n, DAY, "c"], { from: "carol" });
    expect((await c.send("confirm", [2n], { from: "alice" })).revert).toMatchObject({ name: "WrongParty", args: { id: 2n, who: alice } });
    for (const [id, by] of [[1n, "bob"], [2n, "carol"], [3n, "alice"]] as const) expect((await c.send("confirm", [id], { from: by })).ok).toBe(true);
    const pos = await Promise.all([alice, bob, carol].map((a) => c.call("position", [DAY, a]) as Promise<bigint>));
    expect(pos).toEqual([-1_150_000n, 900_000n, 250_000n]);
    expect(pos.reduce((a, b) => a + b, 0n)).toBe(0n);
    expect((await c.send("confirm", [1n], { from: "bob" })).revert).toMatchObject({ name: "NotOpen", args: { id: 1n, status: Status.Confirmed } });
  });

  it("closes a day only when nothing is unmatched, and only once", async () => {
    const { chain, c } = await setup();
    await c.send("post", [chain.accounts.bob, 10n, DAY, "a"], { from: "alice" });
    expect((await c.send("closeDay", [DAY], { from: "alice" })).revert).toMatchObject({ name: "Unreconciled", args: { day: DAY, open: 1n } });
    expect((await c.send("dispute", [1n, "unknown payment"], { from: "bob" })).events[0]).toMatchObject({ name: "Disputed", args: { reason: "unknown payment" } });
    expect((await c.send("closeDay", [DAY], { from: "bob" })).revert).toMatchObject({ name: "NotOperator" });
    expect((await c.send("closeDay", [DAY], { from: "alice" })).events[0]).toMatchObject({ name: "DayClosed", args: { day: DAY, entries: 1n } });
    expect(await c.call("isClosed", [DAY])).toBe(true);
    expect((await c.send("closeDay", [DAY], { from: "alice" })).revert).toMatchObject({ name: "DayIsClosed" });
    expect((await c.send("post", [chain.accounts.bob, 10n, DAY, "late"], { from: "alice" })).revert).toMatchObject({ name: "DayIsClosed" });
    expect(await c.call("position", [DAY, chain.accounts.bob])).toBe(0n);
  });

  it("admits new banks by the operator only", async () => {
    const { chain, c } = await setup();
    expect((await c.send("admit", [chain.accounts.dave], { from: "bob" })).revert).toMatchObject({ name: "NotOperator" });
    expect((await c.send("admit", [chain.accounts.dave], { from: "alice" })).ok).toBe(true);
    expect((await c.send("post", [chain.accounts.alice, 1n, DAY, "d"], { from: "dave" })).ok).toBe(true);
  });
});
