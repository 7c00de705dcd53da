// Every diagnostic code registered by the semantic passes (resolve E02xx/W02xx,
// types E03xx/W03xx, effects E04xx/W04xx) is exercised by at least one golden
// case: its code appears in some test/golden/{resolve,types,effects}/*.out.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { resolveCodes } from "../../compiler/diagnostics/codes/resolve.ts";
import { checkCodes } from "../../compiler/diagnostics/codes/check.ts";
import { effectsCodes } from "../../compiler/diagnostics/codes/effects.ts";

const passes = ["resolve", "types", "effects"] as const;

function goldenOutputs(): string {
  let all = "";
  for (const pass of passes) {
    const dir = new URL(`../golden/${pass}/`, import.meta.url);
    for (const f of readdirSync(dir)) if (f.endsWith(".out")) all += readFileSync(new URL(f, dir), "utf8");
  }
  return all;
}

describe("semantic diagnostic codes", () => {
  const outputs = goldenOutputs();
  const codes = [...resolveCodes, ...checkCodes, ...effectsCodes];

  it("belong to their pass's range", () => {
    for (const c of resolveCodes) expect(c.code).toMatch(/^[EW]02\d\d$/);
    for (const c of checkCodes) expect(c.code).toMatch(/^[EW]03\d\d$/);
    for (const c of effectsCodes) expect(c.code).toMatch(/^[EW]04\d\d$/);
    for (const c of codes) expect(c.severity).toBe(c.code.startsWith("E") ? "error" : "warning");
  });

  it("each appear in at least one golden case", () => {
    const missing = codes.filter((c) => !outputs.includes(`[${c.code}]`)).map((c) => `${c.code} ${c.title}`);
    expect(missing).toEqual([]);
  });
});
