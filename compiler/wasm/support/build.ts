// Builds the Wasm support library: AssemblyScript (assembly/) -> asc ->
// binaryen checks (MVP, bcos-only imports, API table) -> the generated TS
// module support.generated.ts. Deterministic; `--check` only compares.
//
//   npx tsx compiler/wasm/support/build.ts          write the generated files
//   npx tsx compiler/wasm/support/build.ts --check  exit 1 if they are stale
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { computeSelectors, renderSelectorsSource } from "./build/selectors.ts";
import { renderKeccakSource } from "./build/keccak.ts";
import { compileAssembly } from "./build/compile.ts";
import { linkSupport, type LinkedSupport } from "./build/link.ts";
import { renderGenerated } from "./build/render.ts";
import { rtFunctions, signatureText } from "./api.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..", "..");
const rel = (p: string): string => relative(REPO, p).split("\\").join("/");

export const SELECTORS_FILE = join(HERE, "assembly", "selectors.generated.ts");
export const KECCAK_FILE = join(HERE, "assembly", "keccak.generated.ts");
export const GENERATED_FILE = join(HERE, "support.generated.ts");
const ENTRY = join(HERE, "assembly", "index.ts");

export interface SupportBuild {
  linked: LinkedSupport;
  /** Contents of assembly/selectors.generated.ts. */
  selectorsSource: string;
  /** Contents of assembly/keccak.generated.ts. */
  keccakSource: string;
  /** Contents of support.generated.ts. */
  generatedSource: string;
}

/** Fails unless the module exports exactly the functions of api.ts. */
function checkApi(linked: LinkedSupport): void {
  const have = new Set(linked.exports.map((e) => `${e.name}(${e.params.join(",")})->${e.result ?? "void"}`));
  const want = new Set(rtFunctions.map(signatureText));
  const missing = [...want].filter((s) => !have.has(s));
  const extra = [...have].filter((s) => !want.has(s));
  if (missing.length || extra.length) {
    throw new Error(`support exports differ from api.ts\n  missing: ${missing.join(" ")}\n  extra: ${extra.join(" ")}`);
  }
}

/** Builds everything in memory; writes nothing. */
export async function buildSupport(): Promise<SupportBuild> {
  const selectorsSource = renderSelectorsSource(computeSelectors());
  const keccakSource = renderKeccakSource();
  const readSource = async (relPath: string) => {
    try {
      return await readFile(join(REPO, relPath), "utf8");
    } catch {
      return null;
    }
  };
  const compiled = await compileAssembly(REPO, rel(ENTRY), readSource, new Map([
    [rel(SELECTORS_FILE), selectorsSource],
    [rel(KECCAK_FILE), keccakSource],
  ]));
  const linked = linkSupport(compiled);
  checkApi(linked);
  return { linked, selectorsSource, keccakSource, generatedSource: renderGenerated(linked) };
}

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return "";
  }
}

async function main(check: boolean): Promise<number> {
  const build = await buildSupport();
  const files: [string, string][] = [
    [SELECTORS_FILE, build.selectorsSource],
    [KECCAK_FILE, build.keccakSource],
    [GENERATED_FILE, build.generatedSource],
  ];
  let stale = 0;
  for (const [path, text] of files) {
    if ((await readOrEmpty(path)) === text) continue;
    stale++;
    if (check) process.stderr.write(`stale: ${rel(path)}\n`);
    else await writeFile(path, text);
  }
  const { wasm, heapBase, exports } = build.linked;
  console.log(`support module: ${wasm.length} bytes, ${exports.length} exports, heap base ${heapBase}` +
    (check ? (stale ? `, ${stale} stale file(s)` : ", up to date") : `, ${stale} file(s) written`));
  return check && stale ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.includes("--check"));
}
