// Fuzzing the whole compiler: whatever the sources, the compiler answers
// with diagnostics only. Every input goes through the front end (parse,
// resolve, types, effects); those that check without errors also go through
// code generation (lower, wasm, abi), and their modules must validate as
// FISCO modules (the VM's MVP and shape checks). No
// exception may escape, no E0900 (internal error) may appear, every code must
// be registered and every span must lie inside its file. A failure names the
// seed and index; `fuzzInputs(SEED, index + 1)` replays it.
import { describe, expect, it } from "vitest";
import { analyze, compile, codeInfo, hasErrors, type Diagnostic } from "../../compiler/index.ts";
import { fuzzInputs, corpus, mutate, Rng } from "./mutate.ts";
import { engine as WebAssembly } from "../../vm/wasm/engine.ts";
import { validateModule } from "../../vm/index.ts";

const SEED = 0x5eed_0002;
const COUNT = 10_000;
/** Code generation costs ~100 ms a module: generate for at most this many of the inputs that check. */
const CODEGEN_BUDGET = 40;

function diagnosticProblems(ds: Diagnostic[], text: string): string[] {
  const problems: string[] = [];
  for (const d of ds) {
    if (d.code === "E0900") problems.push(`internal compiler error: ${d.message}`);
    try {
      codeInfo(d.code);
    } catch {
      problems.push(`${d.code} is not registered`);
    }
    for (const s of [d.primary, ...d.secondary.map((l) => l.span)])
      if (s.file === "fuzz.weft" && !(s.start >= 0 && s.start <= s.end && s.end <= text.length))
        problems.push(`${d.code} span ${s.start}..${s.end} outside 0..${text.length}`);
  }
  return problems;
}

describe("compiler fuzz", () => {
  it(`answers ${COUNT} random and mutated sources with diagnostics only`, () => {
    const failures: string[] = [];
    const clean: string[] = [];
    let index = 0;
    for (const input of fuzzInputs(SEED, COUNT)) {
      let problems: string[];
      try {
        const a = analyze({ "fuzz.weft": input.text });
        problems = diagnosticProblems(a.diagnostics, input.text);
        if (!hasErrors(a.diagnostics) && a.program && a.program.contracts.length) clean.push(input.text);
      } catch (e) {
        problems = [`threw: ${e instanceof Error ? e.stack : String(e)}`];
      }
      if (problems.length) failures.push(`seed ${SEED} #${index} (${input.kind}): ${problems.join("; ")}\n--- input ---\n${input.text.slice(0, 2000)}`);
      index++;
    }
    expect(failures.slice(0, 3)).toEqual([]);
    // The rest of the fuzz needs programs that check; the corpus must keep producing some.
    expect(clean.length).toBeGreaterThan(0);
  }, 300_000);

  it("generates valid modules for mutated programs that still check", () => {
    const rng = new Rng(SEED);
    const failures: string[] = [];
    let generated = 0;
    // Light mutations of whole corpus files keep many programs valid (literals, operators, names change).
    for (let i = 0; i < 2000 && generated < CODEGEN_BUDGET; i++) {
      const text = mutate(rng, rng.pick(corpus()).text, 1);
      const a = analyze({ "fuzz.weft": text });
      if (hasErrors(a.diagnostics) || !a.program?.contracts.length) continue;
      generated++;
      try {
        const r = compile({ sources: { "fuzz.weft": text }, optimize: rng.chance(0.3) });
        const problems = diagnosticProblems(r.diagnostics, text);
        if (!r.ok) problems.push(`checked but did not compile: ${r.diagnostics.map((d) => d.code + " " + d.message).join("; ")}`);
        for (const c of r.contracts) {
          if (!WebAssembly.validate(c.wasm)) problems.push(`${c.name}: invalid module`);
          // The VM's own checks: MVP integer subset, bcos imports only, the four FISCO exports.
          try {
            validateModule(c.wasm);
          } catch (e) {
            problems.push(`${c.name}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        if (problems.length) failures.push(`#${i}: ${problems.join("; ")}\n--- input ---\n${text}`);
      } catch (e) {
        failures.push(`#${i} threw: ${e instanceof Error ? e.stack : String(e)}\n--- input ---\n${text}`);
      }
    }
    expect(failures.slice(0, 2)).toEqual([]);
    expect(generated).toBe(CODEGEN_BUDGET);
  }, 300_000);
});
