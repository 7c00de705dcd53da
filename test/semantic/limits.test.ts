// Static limits of code generation, reported as diagnostics (E05xx).
import { describe, expect, it } from "vitest";
import { generateModule } from "../../compiler/wasm/index.ts";
import { Chain, checkSource, compile } from "./harness.ts";

function codegen(source: string) {
  const program = checkSource(source);
  return generateModule(program, program.contracts[0]!, { crypto: "keccak", optimize: false });
}

describe("code generation limits", () => {
  it("reports a value too large for linear memory (E0501), not a run-time failure", () => {
    const r = codegen(`contract Big {
      pub fn f(a: u8[100000000]) -> u8 { return a[0]; }
    }`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0501"]);
    expect(r.diagnostics[0]!.message).toMatch(/64 MiB/);
    expect(r.wasm.length).toBe(0);
  });

  it("allows huge arrays in storage as long as they are not read whole", () => {
    const c = new Chain().deploy(
      compile(`contract Big {
        state cells: u64[100000000];
        pub fn set(i: u32, v: u64) { self.cells[i] = v; }
        pub view fn get(i: u32) -> u64 { return self.cells[i]; }
      }`),
    );
    c.ok("set", [99_999_999n, 5n]);
    expect(c.ok("get", [99_999_999n])).toBe(5n);
    c.panics("get", [100_000_000n], 0x32);
    const whole = codegen(`contract Big {
      state cells: u64[100000000];
      pub view fn all() -> u64[100000000] { return self.cells; }
    }`);
    expect(whole.diagnostics.map((d) => d.code)).toContain("E0501");
  });
});
