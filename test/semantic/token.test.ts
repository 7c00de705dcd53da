import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALICE, BOB, Chain, compile } from "./harness.ts";

const source = readFileSync(new URL("../../examples/token.weft", import.meta.url), "utf8");

describe("token example", () => {
  it("deploys, transfers, reverts with a typed error", () => {
    const c = compile(source);
    const chain = new Chain();
    const t = chain.deploy(c, ["Weft", "WFT", 1000n]);
    expect(t.ok("name")).toBe("Weft");
    expect(t.ok("totalSupply")).toBe(1000n);
    expect(t.ok("balanceOf", [ALICE])).toBe(1000n);
    expect(t.ok("transfer", [BOB, 250n])).toBe(true);
    expect(t.ok("balanceOf", [BOB])).toBe(250n);
    expect(t.ok("balanceOf", [ALICE])).toBe(750n);
    const r = t.call("transfer", [ALICE, 251n], BOB);
    expect(r.status).toBe(16);
    expect(r.revert).toMatchObject({ kind: "custom", name: "Insufficient", args: { have: 250n, need: 251n } });
  });
});
