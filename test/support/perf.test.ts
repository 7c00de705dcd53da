// Cost bounds from the brief, with margin for a loaded CI machine (best of
// several runs). Typical figures are in compiler/wasm/support/README.md.
import { describe, expect, it } from "vitest";
import { runBenchmarks } from "../../compiler/wasm/support/bench.ts";

describe("support performance", () => {
  it("u256 mul and div under 2 µs, keccak-256 of 64 bytes under 20 µs", () => {
    const results = Object.fromEntries(runBenchmarks(20_000, 5).map((r) => [r.name, r.nsPerOp / 1000]));
    for (const [name, us] of Object.entries(results)) {
      const bound = name.startsWith("keccak") || name.startsWith("sm3") ? 20 : 2;
      expect(us, `${name}: ${us.toFixed(3)} µs`).toBeLessThan(bound);
    }
  }, 120_000);
});
