// The semantic passes' codes stay in their ranges (resolve E02xx/W02xx,
// types E03xx/W03xx, effects E04xx/W04xx). That every code appears in some
// golden output is checked for all passes by test/golden/coverage.test.ts.
import { describe, expect, it } from "vitest";
import { resolveCodes } from "../../compiler/diagnostics/codes/resolve.ts";
import { checkCodes } from "../../compiler/diagnostics/codes/check.ts";
import { effectsCodes } from "../../compiler/diagnostics/codes/effects.ts";

describe("semantic diagnostic codes", () => {
  const codes = [...resolveCodes, ...checkCodes, ...effectsCodes];

  it("belong to their pass's range", () => {
    for (const c of resolveCodes) expect(c.code).toMatch(/^[EW]02\d\d$/);
    for (const c of checkCodes) expect(c.code).toMatch(/^[EW]03\d\d$/);
    for (const c of effectsCodes) expect(c.code).toMatch(/^[EW]04\d\d$/);
    for (const c of codes) expect(c.severity).toBe(c.code.startsWith("E") ? "error" : "warning");
  });
});
