// Fuzzing the front of the front end: whatever the text, `parse` returns a
// well-formed tree and diagnostics with registered syntax codes and spans
// inside the file; it never throws (nor reports an internal error). Inputs
// come from test/fuzz/mutate.ts; a failure names the seed and the index, and
// `fuzzInputs(seed, index + 1)` replays it.
import { describe, expect, it } from "vitest";
import { parse } from "../../compiler/syntax/index.ts";
import { codeInfo } from "../../compiler/diagnostics/index.ts";
import { astProblems } from "./ast-check.ts";
import { corpus, fuzzInputs, type FuzzInput } from "./mutate.ts";

const SEED = 0x5eed_0001;
const COUNT = 10_000;

function problemsOf(input: FuzzInput): string[] {
  let r: ReturnType<typeof parse>;
  try {
    r = parse("fuzz.weft", input.text);
  } catch (e) {
    return [`parse threw: ${String(e)}`];
  }
  const problems = astProblems(r.file, input.text);
  for (const d of r.diagnostics) {
    if (!/^E01\d\d$/.test(d.code)) problems.push(`${d.code} is not a syntax code: ${d.message}`);
    try {
      codeInfo(d.code);
    } catch {
      problems.push(`${d.code} is not registered`);
    }
    const s = d.primary;
    if (s.file !== "fuzz.weft" || !(s.start >= 0 && s.start <= s.end && s.end <= input.text.length))
      problems.push(`${d.code} span ${s.start}..${s.end} outside 0..${input.text.length}`);
    for (const l of d.secondary)
      if (!(l.span.start >= 0 && l.span.start <= l.span.end && l.span.end <= input.text.length))
        problems.push(`${d.code} secondary span ${l.span.start}..${l.span.end} outside the file`);
  }
  return problems;
}

describe("fuzz: parser", () => {
  it("the corpus parses without diagnostics", () => {
    for (const f of corpus()) {
      const r = parse(f.name, f.text);
      expect(r.diagnostics.map((d) => `${f.name}: ${d.code} ${d.message}`)).toEqual([]);
      expect(astProblems(r.file, f.text)).toEqual([]);
    }
  });

  it(`survives ${COUNT} random and mutated inputs (seed ${SEED.toString(16)})`, () => {
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    let index = 0;
    for (const input of fuzzInputs(SEED, COUNT)) {
      kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1);
      const problems = problemsOf(input);
      if (problems.length && failures.length < 5)
        failures.push(`#${index} (${input.kind}): ${problems.slice(0, 3).join("; ")}\n  input: ${JSON.stringify(input.text.slice(0, 300))}`);
      index++;
    }
    expect(failures).toEqual([]);
    expect(index).toBe(COUNT);
    expect([...kinds.keys()].sort()).toEqual(["bytes", "file", "snippet", "soup"]);
  });
});
