// `npm run bench:compile`: how long the compiler takes on examples/token.weft,
// in-process and warm, without and with -O, against solc-js compiling the
// equivalent ERC-20 (bench/peers/Token.sol) in the same run, legacy codegen
// without and with its optimiser. Prints medians and ratios; asserts nothing.
import { readFileSync } from "node:fs";
import { compile } from "../compiler/index.ts";
import { loadPeer, peersDir } from "./peers.ts";
import { median, time, table } from "./stats.ts";

const RUNS = Number(process.env.RUNS ?? 30);
const tokenWeft = readFileSync(new URL("../examples/token.weft", import.meta.url), "utf8");
const tokenSol = readFileSync(new URL("./peers/Token.sol", import.meta.url), "utf8");

function weft(optimize: boolean): () => void {
  return () => {
    const r = compile({ sources: { "token.weft": tokenWeft }, optimize });
    if (!r.ok) throw new Error("examples/token.weft does not compile");
  };
}

interface Solc {
  compile(input: string): string;
  version(): string;
}

function solc(s: Solc, optimize: boolean): () => void {
  const input = JSON.stringify({
    language: "Solidity",
    sources: { "Token.sol": { content: tokenSol } },
    settings: {
      optimizer: { enabled: optimize, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  });
  return () => {
    const out = JSON.parse(s.compile(input)) as { errors?: { severity: string; message: string }[] };
    const errors = (out.errors ?? []).filter((e) => e.severity === "error");
    if (errors.length) throw new Error(errors[0]!.message);
  };
}

const results: Record<string, number> = {};
for (const [name, fn] of [
  ["weft", weft(false)],
  ["weft -O", weft(true)],
] as const) {
  results[name] = median(time(fn, RUNS));
}

const s = loadPeer<Solc>("solc");
const rows: string[][] = [
  ["weft (unoptimised)", results["weft"]!.toFixed(2)],
  ["weft -O", results["weft -O"]!.toFixed(2)],
];
if (s) {
  const legacy = median(time(solc(s, false), RUNS));
  const legacyOpt = median(time(solc(s, true), RUNS));
  rows.push([`solc ${s.version()} legacy`, legacy.toFixed(2)], [`solc legacy --optimize`, legacyOpt.toFixed(2)]);
  console.log(table(["compile examples/token (warm, median of " + RUNS + ")", "ms"], rows));
  const r1 = results["weft"]! / legacy;
  const r2 = results["weft -O"]! / legacyOpt;
  console.log(`unoptimised: weft / solc legacy            = ${r1.toFixed(3)}×  (target ≤ 0.2×) ${r1 <= 0.2 ? "met" : "NOT met"}`);
  console.log(`optimised:   weft -O / solc legacy optimiser = ${r2.toFixed(3)}×  (target ≤ 0.5×) ${r2 <= 0.5 ? "met" : "NOT met"}`);
} else {
  console.log(table(["compile examples/token (warm, median of " + RUNS + ")", "ms"], rows));
  console.log(`solc-js could not be installed in ${peersDir}; no ratio this run`);
}
