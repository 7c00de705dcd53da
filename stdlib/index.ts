// Where the standard library's Weft sources live and how to read them:
// `use std::token::{…}` names the module "token", which is stdlib/token.weft
// beside this file. The CLI, the test chain and the language server pass
// `readStd` to the compiler's collectSources; the compiler itself never reads
// files. This file imports no other layer of the repository.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, relative, sep } from "node:path";

/** The stdlib/ folder (a file: URL ending in a slash). */
export const STDLIB_DIR = new URL("./", import.meta.url);

const root = fileURLToPath(STDLIB_DIR);

/** A module name is one or more `/`-separated segments of letters, digits and `_`: "system", "a/b". */
const MODULE = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * The file of module `module` (e.g. "token" → …/stdlib/token.weft), or
 * undefined when the name is not a module name: empty, absolute, with `..`,
 * `.`, backslashes or other characters a `std::a::b` path cannot produce.
 * A trailing ".weft" is accepted ("token.weft"): compiler/sources.ts's
 * collectSources passes the file name under `std/`.
 */
export function stdFilePath(module: string): string | undefined {
  const name = module.endsWith(".weft") ? module.slice(0, -".weft".length) : module;
  if (!MODULE.test(name)) return undefined;
  return join(root, ...name.split("/")) + ".weft";
}

/** The source text of a std module, or undefined when there is no such module. */
export function readStd(module: string): string | undefined {
  const file = stdFilePath(module);
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Every std module's name ("system", "token", "a/b" for stdlib/a/b.weft), sorted. */
export function stdModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".weft")) {
        const module = relative(root, full).slice(0, -".weft".length).split(sep).join("/");
        if (MODULE.test(module)) out.push(module);
      }
    }
  };
  walk(root);
  return out.sort();
}
