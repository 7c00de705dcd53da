// The dependency rules of shared/design/architecture.md, checked on every
// import in the tree:
//   cli → lsp | runtime → vm;  lsp → compiler;  runtime → compiler (test chain, genesis);
//   compiler imports none of the others and does no IO; vm imports neither runtime nor compiler;
//   stdlib/index.ts (finding and reading the std .weft modules, with node:fs) imports no other
//   layer, and runtime, lsp and cli may import it to hand the compiler a `readStd`.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "../..");
const layers = ["compiler", "vm", "runtime", "lsp", "cli", "stdlib"] as const;
type Layer = (typeof layers)[number];

/** Which top-level folders each layer may import from (besides itself). */
const allowed: Record<Layer, Layer[]> = {
  compiler: [],
  vm: [],
  runtime: ["vm", "compiler", "stdlib"],
  lsp: ["compiler", "stdlib"],
  cli: ["compiler", "vm", "runtime", "lsp", "stdlib"],
  stdlib: [],
};

/** Node built-ins the pure compiler must not touch. */
const ioModules = /^(node:)?(fs|fs\/promises|child_process|net|http|https|dgram|worker_threads|os|process)$/;
/** Build-time scripts that live beside the code they generate (never imported by it). */
const buildScripts = new Set(["compiler/wasm/support/build.ts"]);

export interface Violation {
  file: string;
  spec: string;
  reason: string;
}

function importsOf(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;
  for (const m of text.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

function layerOf(path: string): Layer | null {
  const top = path.split("/")[0] as Layer;
  return layers.includes(top) ? top : null;
}

/** Checks one file's imports; `path` is relative to the repo root. */
export function checkFile(path: string, text: string): Violation[] {
  const from = layerOf(path);
  if (!from || buildScripts.has(path)) return [];
  const out: Violation[] = [];
  for (const spec of importsOf(text)) {
    if (spec.startsWith(".")) {
      const target = relative(root, resolve(root, dirname(path), spec));
      const to = layerOf(target);
      if (target.startsWith("..")) out.push({ file: path, spec, reason: "imports from outside the repository" });
      else if (to && to !== from && !allowed[from].includes(to))
        out.push({ file: path, spec, reason: `${from}/ may not import ${to}/` });
    } else if (from === "compiler" && ioModules.test(spec)) {
      out.push({ file: path, spec, reason: "the compiler is pure: no IO modules" });
    }
  }
  return out;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name === "assembly") continue; // AssemblyScript sources compile to Wasm, not part of the TS graph
      yield* sourceFiles(full);
    } else if (/\.(ts|js|mjs)$/.test(name)) yield full;
  }
}

describe("layering", () => {
  it("finds a forbidden import (self-check of the checker)", () => {
    expect(checkFile("vm/x.ts", `import { parse } from "../compiler/syntax/index.ts";`)).toHaveLength(1);
    expect(checkFile("compiler/types/x.ts", `import { readFileSync } from "node:fs";`)).toHaveLength(1);
    expect(checkFile("compiler/x.ts", `export { run } from "../runtime/chain.ts";`)).toHaveLength(1);
    expect(checkFile("lsp/x.ts", `import("../vm/index.ts")`)).toHaveLength(1);
    expect(checkFile("runtime/x.ts", `import { Vm } from "../vm/index.ts";`)).toEqual([]);
    expect(checkFile("cli/x.ts", `import { a } from "../runtime/index.ts";\nimport "../lsp/server.ts";`)).toEqual([]);
    expect(checkFile("runtime/testchain/x.ts", `import { readStd } from "../../stdlib/index.ts";`)).toEqual([]);
    expect(checkFile("compiler/x.ts", `import { readStd } from "../stdlib/index.ts";`)).toHaveLength(1);
    expect(checkFile("stdlib/x.ts", `import { parse } from "../compiler/syntax/index.ts";`)).toHaveLength(1);
  });

  it("holds for every source file in the repository", () => {
    const violations: Violation[] = [];
    let files = 0;
    for (const layer of layers) {
      const dir = join(root, layer);
      try {
        statSync(dir);
      } catch {
        continue;
      }
      for (const full of sourceFiles(dir)) {
        files++;
        violations.push(...checkFile(relative(root, full), readFileSync(full, "utf8")));
      }
    }
    expect(files).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });
});
