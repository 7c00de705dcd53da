// Golden tests of code generation: each test/golden/wasm/*.weft is compiled
// (keccak, unoptimised) and the WAT of the functions the code generator
// added — entry points, contract functions, helpers, intrinsics; not the
// support library; intrinsics (`w.*`, fixed code) are only named — is
// compared with wasm/<name>.out. A contract the code
// generator refuses shows its rendered diagnostics instead (E05xx cases). Calls into the
// support library show its export names (`$rt_caller`), not its internal
// paths, so the snapshots stay readable and do not move when the library
// is reorganised. Regenerate with `vitest -u`.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileAll, generateAll } from "../semantic/harness.ts";
import { renderText } from "../../compiler/diagnostics/index.ts";
import { internalName, readSupportModule, rtFunctions } from "../../compiler/wasm/support/index.ts";

const dir = new URL("./wasm/", import.meta.url);
const cases = readdirSync(dir).filter((f) => f.endsWith(".weft")).sort();

/** The `(func …)` blocks of a WAT text, by name (quoted names and strings handled). */
export function functionBlocks(wat: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while ((i = wat.indexOf("\n (func ", i)) !== -1) {
    const start = i + 1;
    let depth = 0;
    let j = start;
    for (; j < wat.length; j++) {
      const ch = wat[j];
      if (ch === '"') {
        for (j++; j < wat.length && wat[j] !== '"'; j++) if (wat[j] === "\\") j++;
      } else if (ch === "(") depth++;
      else if (ch === ")" && --depth === 0) break;
    }
    const text = wat.slice(start, j + 1);
    const name = /^ \(func \$("(?:[^"\\]|\\.)*"|[^\s()]+)/.exec(text)![1]!;
    out.set(name.replace(/^"|"$/g, ""), text);
    i = j;
  }
  return out;
}

/** Internal name of each support-library export → its export name. */
function supportNames(): Map<string, string> {
  const mod = readSupportModule();
  try {
    // Identical library functions may share one body: the first export name wins.
    const names = new Map<string, string>();
    for (const f of rtFunctions) {
      const internal = internalName(mod, f);
      if (!names.has(internal)) names.set(internal, f.name);
    }
    return names;
  } finally {
    mod.dispose();
  }
}
const rtNames = supportNames();

function generatedText(wat: string, generated: string[]): string {
  const blocks = functionBlocks(wat);
  const parts: string[] = [];
  const intrinsics: string[] = [];
  for (const name of generated) {
    const text = blocks.get(name);
    if (!text) continue; // helpers only referenced by removed code are gone
    // Intrinsics (`w.*`) are fixed code, the same in every module: named only.
    if (name.startsWith("w.")) intrinsics.push(name);
    else parts.push(text);
  }
  if (intrinsics.length) parts.push(` ;; intrinsics: ${intrinsics.join(" ")}`);
  return parts.join("\n").replace(/\$([^\s()"]+)/g, (m, name: string) => (rtNames.has(name) ? `$${rtNames.get(name)}` : m)) + "\n";
}

describe("wasm golden", () => {
  it("has at least 25 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });
  it("is deterministic: the same source gives the same bytes, optimised or not", () => {
    const source = readFileSync(new URL("token.weft", dir), "utf8");
    for (const optimize of [false, true]) {
      for (const crypto of ["keccak", "sm"] as const) {
        const a = compileAll(source, { optimize, crypto }).get("Token")!.wasm;
        const b = compileAll(source, { optimize, crypto }).get("Token")!.wasm;
        expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      }
    }
  });
  for (const file of cases) {
    it(file, async () => {
      const source = readFileSync(new URL(file, dir), "utf8");
      const text = generateAll(source, { crypto: "keccak", optimize: false, wat: true, file })
        .map((g) =>
          g.ok
            ? `;; ==== contract ${g.compiled.name}\n${generatedText(g.compiled.wat!, g.compiled.generated)}`
            : `;; ==== contract ${g.name}: refused\n${renderText(g.diagnostics, { [file]: source })}`,
        )
        .join("\n");
      await expect(text).toMatchFileSnapshot(`./wasm/${file.replace(/\.weft$/, ".out")}`);
    });
  }
});
