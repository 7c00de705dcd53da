// Builds and packages the VS Code extension (`npm run package:vscode`):
// checks that the grammar JSON is current, bundles src/extension.ts and
// vscode-languageclient into dist/extension.js with esbuild, then writes
// weft-vscode-<version>.vsix here with @vscode/vsce's API. Works offline:
// the bundle needs no npm install inside lsp/vscode (`dependencies: false`).
//
//   npx tsx lsp/vscode/package.ts [--out <file.vsix>] [--build-only]
import { build } from "esbuild";
import { createVSIX } from "@vscode/vsce";
import { readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { grammarJson } from "./syntaxes/weft.tmLanguage.ts";

const dir = __dirname;

interface Options {
  out: string;
  buildOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string };
  const opts: Options = { out: join(dir, `${manifest.name}-${manifest.version}.vsix`), buildOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--build-only") opts.buildOnly = true;
    else if (a === "--out" && argv[i + 1]) opts.out = resolve(argv[++i]!);
    else throw new UsageError(`unknown argument ${JSON.stringify(a)} (expected --out <file.vsix> or --build-only)`);
  }
  return opts;
}

class UsageError extends Error {}

/** dist/extension.js: one CommonJS file, `vscode` left to the editor. */
async function bundle(): Promise<string> {
  const outfile = join(dir, "dist", "extension.js");
  const r = await build({
    entryPoints: [join(dir, "src", "extension.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    external: ["vscode"],
    minify: true,
    logLevel: "warning",
    absWorkingDir: dir,
  });
  if (r.errors.length > 0) throw new Error(`esbuild reported ${r.errors.length} error(s)`);
  return outfile;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const grammar = join(dir, "syntaxes", "weft.tmLanguage.json");
  if (readFileSync(grammar, "utf8") !== grammarJson())
    throw new Error(`${relative(process.cwd(), grammar)} is out of date: run npx tsx lsp/vscode/syntaxes/generate.ts, then commit it`);
  const bundled = await bundle();
  console.log(`built ${relative(process.cwd(), bundled)} (${kib(statSync(bundled).size)})`);
  if (opts.buildOnly) return;
  // no repository field: the project has no public address yet, and a made-up one would end up in the .vsix
  await createVSIX({ cwd: dir, packagePath: opts.out, dependencies: false, allowMissingRepository: true });
  const ms = Math.round(performance.now() - started);
  console.log(`packaged ${relative(process.cwd(), opts.out) || opts.out} (${kib(statSync(opts.out).size)}) in ${ms} ms`);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`package.ts: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`package.ts: packaging the VS Code extension failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
});
