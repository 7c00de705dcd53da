// `weft build <files…>`: compile to <Contract>.wasm and <Contract>.abi.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { compile, explainParallel, renderText, toJson, type Crypto } from "../../compiler/index.ts";
import { EXIT_DIAGNOSTICS, EXIT_OK, UsageError, type Io } from "../usage.ts";
import { parseCommandArgs, type Command } from "./command.ts";
import { loadSources } from "./sources.ts";

const help = `Usage: weft build <files…> [-o dir] [--crypto keccak|sm] [-O] [--wat] [--json] [--explain-parallel]

Compiles every contract in the files to a Wasm module and an ABI JSON for
FISCO BCOS 3.x Wasm chains and the Weft chain.

Options:
  -o, --out <dir>      output folder (default: out)
  --crypto <suite>     keccak (ECDSA chains, default) or sm (SM2/SM3 chains):
                       sets hash_type, selectors and event topics
  -O, --optimize       run the optimiser
  --wat                also write <Contract>.wat (WebAssembly text)
  --json               print a JSON report (outputs and diagnostics) on stdout
  --explain-parallel   print each public function's conflict keys in words
                       (which calls can run in parallel; docs/conflict-fields.md);
                       with --json, as \`parallel\` in the report
  -h, --help           show this help

Exit code: 0 built, 1 the sources have errors, 2 usage error.
`;

export const buildCommand: Command = {
  name: "build",
  async run(argv: string[], io: Io) {
    const { values, positionals } = parseCommandArgs(argv, {
      out: { type: "string", short: "o" },
      crypto: { type: "string" },
      optimize: { type: "boolean", short: "O" },
      wat: { type: "boolean" },
      json: { type: "boolean" },
      "explain-parallel": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(help);
      return EXIT_OK;
    }
    const crypto = (values.crypto ?? "keccak") as Crypto;
    if (crypto !== "keccak" && crypto !== "sm") throw new UsageError(`--crypto must be keccak or sm, not \`${values.crypto}\``, "build");
    const sources = loadSources(positionals, io, "build");
    const started = performance.now();
    const result = compile({ sources, crypto, optimize: values.optimize ?? false, wat: values.wat ?? false });
    const outDir = resolve(io.cwd, values.out ?? "out");
    const written: { contract: string; wasm: string; abi: string; wat?: string; bytes: number }[] = [];
    if (result.ok) {
      mkdirSync(outDir, { recursive: true });
      for (const c of result.contracts) {
        const base = join(outDir, c.name);
        writeFileSync(`${base}.wasm`, c.wasm);
        writeFileSync(`${base}.abi.json`, JSON.stringify(c.abi, null, 2) + "\n");
        const entry: (typeof written)[number] = { contract: c.name, wasm: `${base}.wasm`, abi: `${base}.abi.json`, bytes: c.wasm.length };
        if (c.wat !== undefined) {
          writeFileSync(`${base}.wat`, c.wat);
          entry.wat = `${base}.wat`;
        }
        written.push(entry);
      }
    }
    const ms = performance.now() - started;
    const parallel = values["explain-parallel"] && result.ok ? explainParallel(sources) : null;
    if (values.json) {
      const report = { ok: result.ok, crypto, outputs: written, diagnostics: toJson(result.diagnostics, sources), ...(parallel ? { parallel } : {}) };
      io.out(JSON.stringify(report, null, 2) + "\n");
    } else {
      if (parallel) io.out(parallel.map((p) => `${p.text}\n`).join(""));
      if (result.diagnostics.length) io.err(renderText(result.diagnostics, sources, { color: io.color }));
      for (const w of written) io.err(`built ${w.contract}: ${w.wasm} (${w.bytes} bytes), ${w.abi}\n`);
      if (result.ok) io.err(`${written.length} contract(s) in ${ms.toFixed(0)} ms (${crypto}${values.optimize ? ", optimised" : ""})\n`);
      else io.err(`build failed: ${result.diagnostics.filter((d) => d.severity === "error").length} error(s)\n`);
    }
    return result.ok ? EXIT_OK : EXIT_DIAGNOSTICS;
  },
};
