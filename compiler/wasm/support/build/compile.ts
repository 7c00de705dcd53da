// Runs asc on assembly/index.ts, in memory, with the MVP-only flags.
// No IO here (the compiler tree is pure, test/unit/layering.test.ts): the
// caller, build.ts, passes the function that reads source files.
import asc from "assemblyscript/asc";

/**
 * Flags: stub runtime (no GC), no `env.abort` import, every post-MVP
 * feature asc enables by default switched off (SIMD, reference types,
 * multi-value, threads are off unless enabled), optimised for speed with a
 * little shrinking. mutable-globals stays on only so that rt_heap_ptr can
 * be exported during compilation; link.ts removes that export.
 */
export const ASC_FLAGS: readonly string[] = [
  "--runtime", "stub",
  "--use", "abort=",
  "--disable", "sign-extension,nontrapping-f2i,bulk-memory",
  "--optimizeLevel", "3",
  "--shrinkLevel", "1",
  "--converge",
  "--noAssert",
  "--debug", // name section; the optimised code is unchanged
];

/** Reads a source file given its path relative to baseDir; null if missing. */
export type ReadSource = (relPath: string) => Promise<string | null>;

/**
 * Compiles `entry` (relative to `baseDir`, which must be the repository
 * root so that internal names do not depend on the working directory).
 * `overrides` maps a file path (relative to baseDir) to the source to use
 * instead of the file: generated sources are compiled from memory.
 */
export async function compileAssembly(
  baseDir: string,
  entry: string,
  readSource: ReadSource,
  overrides: ReadonlyMap<string, string> = new Map(),
): Promise<Uint8Array> {
  let binary: Uint8Array | null = null;
  const errors: string[] = [];
  const out = { write: (chunk: string | Uint8Array) => { errors.push(String(chunk)); } };
  const { error } = await asc.main([entry, "--baseDir", baseDir, "--outFile", "support.wasm", ...ASC_FLAGS], {
    stdout: out,
    stderr: out,
    async readFile(name: string) {
      // asc asks for paths relative to baseDir (its second argument).
      const rel = name.split("\\").join("/");
      return overrides.get(rel) ?? (await readSource(rel));
    },
    writeFile(name: string, contents: Uint8Array | string) {
      if (name.endsWith("support.wasm") && typeof contents !== "string") binary = contents;
    },
  });
  if (error) throw new Error(`asc failed: ${error.message}\n${errors.join("")}`);
  if (!binary) throw new Error(`asc produced no binary\n${errors.join("")}`);
  return binary;
}
