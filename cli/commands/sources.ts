// Reading the files named on the command line (and what they import,
// including `use std::…` modules from stdlib/).
import { readFileSync, existsSync, statSync } from "node:fs";
import { resolve, relative, isAbsolute } from "node:path";
import { collectSources } from "../../compiler/sources.ts";
import type { Sources } from "../../compiler/analyze.ts";
import { readStd } from "../../stdlib/index.ts";
import { UsageError, type Io } from "../usage.ts";

/** Paths relative to the working directory, as diagnostics show them. */
export function loadSources(files: string[], io: Io, command: string): Sources {
  if (files.length === 0) throw new UsageError("no input files", command);
  const rel = files.map((f) => {
    const abs = resolve(io.cwd, f);
    if (!existsSync(abs)) throw new UsageError(`no such file: ${f}`, command);
    if (statSync(abs).isDirectory()) throw new UsageError(`${f} is a folder; name the .weft files`, command);
    const r = relative(io.cwd, abs);
    return isAbsolute(r) ? abs : r.replace(/\\/g, "/");
  });
  const read = (p: string) => {
    try {
      return readFileSync(resolve(io.cwd, p), "utf8");
    } catch {
      return undefined;
    }
  };
  return collectSources(rel, read, readStd);
}
