import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { deployExample } from "./helpers.ts";

const doc = new TextEncoder().encode("Arbitration case 2026-17, exhibit A: delivery note");

describe("EvidenceStore", () => {
  const setup = () =>
    deployExample("evidence.weft", "EvidenceStore", (chain) => [[chain.accounts.bob, chain.accounts.carol, chain.accounts.dave], 2n]);

  it("files a document under its chain hash and records who and when", async () => {
    const { chain, c } = await setup();
    const r = await c.send("file", [doc, "exhibit A"], { from: "erin" });
    expect(r.ok).toBe(true);
    expect(r.value).toEqual(keccak_256(doc));
    expect(r.events[0]).toMatchObject({ name: "Filed", args: { hash: keccak_256(doc), memo: "exhibit A" } });
    const e = (await c.call("get", [keccak_256(doc)])) as Record<string, unknown>;
    expect(e).toMatchObject({ submitter: chain.accounts.erin, signatures: 0n, memo: "exhibit A", revoked: false, blockNumber: BigInt(r.blockNumber) });
    expect(await c.call("count")).toBe(1n);
    expect(await c.call("hashAt", [0n])).toEqual(keccak_256(doc));
  });

  it("refuses a second filing of the same document", async () => {
    const { c } = await setup();
    await c.send("file", [doc, "first"], { from: "erin" });
    const again = await c.send("file", [doc, "second"], { from: "frank" });
    expect(again.revert).toMatchObject({ name: "AlreadyFiled", args: { hash: keccak_256(doc) } });
    expect(await c.call("count")).toBe(1n);
  });

  it("is attested once the required notaries have signed, each once", async () => {
    const { chain, c } = await setup();
    const h = keccak_256(doc);
    await c.send("file", [doc, ""], { from: "erin" });
    expect(await c.call("verify", [doc])).toEqual([false, 0n]);
    expect((await c.send("sign", [h], { from: "bob" })).value).toBe(1n);
    expect((await c.send("sign", [h], { from: "bob" })).revert).toMatchObject({ name: "AlreadySigned", args: { notary: chain.accounts.bob } });
    expect((await c.send("sign", [h], { from: "erin" })).revert).toMatchObject({ name: "NotNotary" });
    expect(await c.call("verify", [doc])).toEqual([false, 1n]);
    expect((await c.send("sign", [h], { from: "dave" })).value).toBe(2n);
    expect(await c.call("verify", [doc])).toEqual([true, 2n]);
    expect(await c.call("verify", [new TextEncoder().encode("a forged delivery note")])).toEqual([false, 0n]);
  });

  it("lets only the submitter revoke, which voids the attestation", async () => {
    const { c } = await setup();
    const h = keccak_256(doc);
    await c.send("file", [doc, ""], { from: "erin" });
    await c.send("sign", [h], { from: "bob" });
    await c.send("sign", [h], { from: "carol" });
    expect((await c.send("revoke", [h, "wrong exhibit"], { from: "bob" })).revert).toMatchObject({ name: "NotSubmitter" });
    const r = await c.send("revoke", [h, "wrong exhibit"], { from: "erin" });
    expect(r.events[0]).toMatchObject({ name: "Revoked", args: { reason: "wrong exhibit" } });
    expect(await c.call("verify", [doc])).toEqual([false, 2n]);
  });

  it("rejects a constructor that asks for more signatures than notaries", async () => {
    await expect(deployExample("evidence.weft", "EvidenceStore", (chain) => [[chain.accounts.bob], 2n])).rejects.toThrow(
      /required must be between 1 and the number of notaries/,
    );
  });

  it("uses SM3 as the document hash on an SM chain", async () => {
    const { chain, c } = await deployExample("evidence.weft", "EvidenceStore", (ch) => [[ch.accounts.bob], 1n], "sm");
    const r = await c.send("file", [doc, ""], { from: "bob" });
    const { chainHash } = await import("../compiler/abi/index.ts");
    expect(r.value).toEqual(chainHash(doc, "sm"));
    expect(chain.crypto).toBe("sm");
  });
});
