// The golden suite as a whole must show every diagnostic code at least once
// (in some pass's .out file), and hold at least 150 cases.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { allCodes } from "../../compiler/diagnostics/index.ts";

const dir = new URL(".", import.meta.url).pathname;
const passes = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory());

function files(ext: string): string[] {
  return passes.flatMap((p) => readdirSync(join(dir, p)).filter((f) => f.endsWith(ext)).map((f) => join(dir, p, f)));
}

/** Codes that no source can produce: an internal error is a bug, never an expectation. */
const unreachable = new Set(["E0900"]);

describe("golden coverage", () => {
  it("has at least 150 cases", () => {
    expect(files(".weft").length).toBeGreaterThanOrEqual(150);
  });

  it("shows every diagnostic code in some expected output", () => {
    const seen = new Set<string>();
    for (const f of files(".out")) for (const m of readFileSync(f, "utf8").matchAll(/\b(?:error|warning)\[([EW]\d{4})\]/g)) seen.add(m[1]!);
    const missing = allCodes.map((c) => c.code).filter((c) => !seen.has(c) && !unreachable.has(c));
    expect(missing).toEqual([]);
  });
});
