// Fault tolerance of the semantic passes: on any tree the parser can build —
// including the Error nodes of its recovery — resolve, check and effects
// answer with diagnostics and never throw. Sources are mutated
// deterministically (a seeded generator): characters and tokens deleted,
// duplicated or swapped, lines cut.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "../../compiler/syntax/index.ts";
import { check } from "../../compiler/types/index.ts";
import { analyzeEffects } from "../../compiler/effects/index.ts";
import { dumpTyped } from "../../compiler/types/dump.ts";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const fragments = ["self.", "msg.sender", "(", ")", "{", "}", ";", "let ", "mut ", "0", "-1", "as u8", "[", "]", "::", "emit ", "revert ", "return ", "map<", ">", "u256", "\"s\"", "hex\"00\"", "truncate<u8>(", "abi.decode<", ",", "=", "+=", "**", "for i in 0..", "while true ", "break;", "x", "unchecked "];

function mutate(text: string, rnd: () => number): string {
  let out = text;
  const steps = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(rnd() * out.length);
    const len = 1 + Math.floor(rnd() * 12);
    switch (Math.floor(rnd() * 4)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + len);
        break;
      case 1:
        out = out.slice(0, at) + fragments[Math.floor(rnd() * fragments.length)] + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at, at + len) + out.slice(at);
        break;
      default: {
        const other = Math.floor(rnd() * out.length);
        out = out.slice(0, at) + out.slice(other, other + len) + out.slice(at + len);
      }
    }
  }
  return out;
}

function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const dirs = [new URL("../../examples/", import.meta.url), new URL("../golden/types/", import.meta.url), new URL("../golden/effects/", import.meta.url)];
  for (const dir of dirs)
    for (const f of readdirSync(dir).sort())
      if (f.endsWith(".weft")) out.push({ name: f, text: readFileSync(new URL(f, dir), "utf8").replace(/^\/\/ @file .*$/gm, "") });
  return out;
}

describe("semantic passes are fault tolerant", () => {
  const sources = corpus();
  it("never throw on mutated sources", () => {
    const rnd = seeded(20261123);
    let checked = 0;
    for (let round = 0; round < 6; round++) {
      for (const { name, text } of sources) {
        const mutated = mutate(text, rnd);
        const file = parse(name, mutated).file;
        expect(() => {
          const { program, diagnostics } = check([file]);
          analyzeEffects(program);
          dumpTyped(program, { [name]: mutated });
          for (const d of diagnostics) expect(d.code).toMatch(/^[EW]0[23]\d\d$/);
        }, `${name}, round ${round}:\n${mutated}`).not.toThrow();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
