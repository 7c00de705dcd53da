// bench:lsp — the language server under a realistic load: `weft lsp --stdio`
// as a child process, a generated ~3,000-line file (bench/lsp/generate.ts,
// no diagnostics), then incremental edits typed in a function body.
// Measures: didChange → publishDiagnostics of that version; completion after
// `self.` and `o.` (analysis done, and `self.` right after the edit, also on
// a second server with the default typing pause); hover and definition on
// identifiers; the server's RSS at start, after 1,000 and after 10,000
// edits. Diagnostics are requested
// with `initializationOptions.diagnosticsDelay: 0`, so the figures are the
// server's work, not its typing pause (150 ms by default).
// Run: npm run bench:lsp   (EDITS=10000 LATENCY_RUNS=300 REQUEST_RUNS=100 to change the sizes)
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { analyze } from "../compiler/analyze.ts";
import { collectSources } from "../compiler/index.ts";
import { readStd } from "../stdlib/index.ts";
import { LspClient } from "./lsp/client.ts";
import { generate } from "./lsp/generate.ts";
import { Typist } from "./lsp/typing.ts";
import { atPositions, completion, identifierPositions, type Doc, type Timings } from "./lsp/requests.ts";
import { percentile, table } from "./stats.ts";

const EDITS = Number(process.env.EDITS ?? 10_000);
const LATENCY_RUNS = Number(process.env.LATENCY_RUNS ?? 300);
const REQUEST_RUNS = Number(process.env.REQUEST_RUNS ?? 100);
const BATCH = 100;
const TARGET = { diagnosticsP95: 50, completionP95: 20, rssGrowth: 1.25 };

const log = (s: string) => process.stderr.write(s + "\n");
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");
const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");

// ---- the file, checked before the server sees it
const gen = generate(3000, 1);
const uri = pathToFileURL(join(tmpdir(), "weft-bench-lsp", "ledgers.weft")).href; // never written: the server sees the open document only
const check = analyze(collectSources(["ledgers.weft"], () => gen.text, readStd));
if (check.diagnostics.length) throw new Error(`the generated file has ${check.diagnostics.length} diagnostics, first: ${check.diagnostics[0]!.code} ${check.diagnostics[0]!.message}`);
log(`generated ${gen.lines} lines, ${gen.text.match(/^contract /gm)!.length} contracts, no diagnostics; edit site at line ${gen.editLine + 1}`);

/**
 * Completion typed right after the edit, against a second server with the
 * default diagnostics delay (its typing pause, 150 ms): with delay 0 the
 * re-analysis the server starts on every keystroke usually runs before the
 * request arrives, so it measures that analysis, not completion.
 */
async function rightAfterEditWithTypingPause(at: { line: number; character: number }): Promise<Timings> {
  const other = new LspClient();
  try {
    await other.initialize({});
    const d: Doc = { client: other, uri, version: 1 };
    await other.open(uri, gen.text, d.version);
    await other.diagnosticsFor(uri, d.version);
    return await completion(d, at, "self.", "counter", REQUEST_RUNS, false);
  } finally {
    await other.close();
  }
}

const loadBefore = load();
const client = new LspClient();
const doc: Doc = { client, uri, version: 1 };
const rows: string[][] = [];
const verdicts: string[] = [];

try {
  const init = await client.initialize({ diagnosticsDelay: 0 });
  const caps = init.capabilities;
  const t0 = performance.now();
  await client.open(uri, gen.text, doc.version);
  const first = await client.diagnosticsFor(uri, doc.version);
  const openMs = performance.now() - t0;
  if (first.diagnostics.length) throw new Error(`the server reports ${first.diagnostics.length} diagnostics on the generated file: ${first.diagnostics[0]!.message}`);
  const rssStart = client.rss();
  log(`opened: first diagnostics after ${ms(openMs)}, RSS ${mb(rssStart)}`);

  const typist = new Typist(gen.editLine, gen.editColumn);
  let edits = 0;
  const type = async (wait: boolean): Promise<number> => {
    doc.version++;
    edits++;
    const t = performance.now();
    await client.change(uri, doc.version, [typist.next()]);
    if (wait) await client.diagnosticsFor(uri, doc.version);
    return performance.now() - t;
  };
  const restore = async () => {
    const undo = typist.reset();
    if (!undo) return;
    doc.version++;
    await client.change(uri, doc.version, [undo]);
    await client.diagnosticsFor(uri, doc.version);
  };

  // ---- diagnostics after each edit (after 50 untimed to warm the server up)
  for (let i = 0; i < 50; i++) await type(true);
  const diag: number[] = [];
  const cpu0 = client.cpuMs();
  for (let i = 0; i < LATENCY_RUNS; i++) diag.push(await type(true));
  const cpuPerEdit = (client.cpuMs() - cpu0) / LATENCY_RUNS;
  await restore();
  log(`diagnostics: ${LATENCY_RUNS} edits timed`);

  // ---- completion, hover, definition
  const at = { line: gen.editLine, character: gen.editColumn };
  const offered = (name: string, has: unknown) => (has ? null : `${name}: not offered by the server (no capability)`);
  const requestRows: [string, Timings | string, number | null][] = [];
  const missingCompletion = offered("completion", caps.completionProvider);
  if (missingCompletion) requestRows.push(["completion", missingCompletion, TARGET.completionP95]);
  else {
    requestRows.push(["completion after `self.` (analysis done)", await completion(doc, at, "self.", "counter", REQUEST_RUNS, true), TARGET.completionP95]);
    requestRows.push(["completion after `o.` (analysis done)", await completion(doc, at, "o.", "price", REQUEST_RUNS, true), TARGET.completionP95]);
    requestRows.push(["completion after `self.` right after the edit", await rightAfterEditWithTypingPause(at), TARGET.completionP95]);
    requestRows.push(["  the same with diagnosticsDelay 0 (the analysis each keystroke starts runs first)", await completion(doc, at, "self.", "counter", REQUEST_RUNS, false), null]);
  }
  log("completion done");
  const positions = identifierPositions(gen.text, REQUEST_RUNS * 2, 7);
  for (const [name, method, cap] of [["hover", "textDocument/hover", caps.hoverProvider], ["definition", "textDocument/definition", caps.definitionProvider]] as const) {
    const missing = offered(name, cap);
    requestRows.push([`${name} on identifiers`, missing ?? (await atPositions(doc, method, positions)), null]);
  }
  log("hover and definition done");

  // ---- memory: edits sent in batches of 100 without waiting, the diagnostics of each batch's last edit awaited
  const batches = async (until: number) => {
    while (edits < until) {
      const n = Math.min(BATCH, until - edits);
      for (let i = 1; i < n; i++) await type(false);
      await type(true);
    }
  };
  const t1k = performance.now();
  await batches(1_000);
  const rss1k = client.rss();
  log(`1,000 edits: RSS ${mb(rss1k)} (${((performance.now() - t1k) / 1000).toFixed(1)} s)`);
  const t10k = performance.now();
  await batches(EDITS);
  const rss10k = client.rss();
  log(`${EDITS.toLocaleString("en")} edits: RSS ${mb(rss10k)} (${((performance.now() - t10k) / 1000).toFixed(1)} s)`);

  // ---- report
  const d95 = percentile(diag, 95);
  rows.push(["didChange → publishDiagnostics", String(diag.length), ms(percentile(diag, 50)), ms(d95), `p95 ≤ ${TARGET.diagnosticsP95} ms`, d95 <= TARGET.diagnosticsP95 ? "met" : "NOT met"]);
  for (const [name, t, target] of requestRows) {
    if (typeof t === "string") {
      rows.push([name, "0", "—", "—", target ? `p95 ≤ ${target} ms` : "", "not measured"]);
      continue;
    }
    const p95 = percentile(t.ms, 95);
    const answered = `${t.answered}/${t.ms.length} answered${t.note ? `; ${t.note}` : ""}`;
    rows.push([name, String(t.ms.length), ms(percentile(t.ms, 50)), ms(p95), target ? `p95 ≤ ${target} ms` : "", target ? (p95 <= target ? "met" : "NOT met") : answered]);
    if (target) verdicts.push(`${name}: ${answered}`);
  }
  const growth = rss10k / rss1k;
  console.log(`\nbench:lsp — ${gen.lines}-line file (${gen.text.match(/^contract /gm)!.length} contracts), diagnosticsDelay 0, node ${process.version}, ${cpus().length} cores`);
  console.log(`load average before: ${loadBefore}; after: ${load()}\n`);
  console.log(table(["measure", "n", "p50", "p95", "target", "result"], rows));
  console.log(`\nserver CPU per edit while timing diagnostics: ${ms(cpuPerEdit)} (mean; the load on the machine does not inflate it)`);
  console.log(`first diagnostics after opening: ${ms(openMs)}`);
  for (const v of verdicts) console.log(v);
  console.log(`\nmemory (server RSS): start ${mb(rssStart)}, after 1,000 edits ${mb(rss1k)}, after ${EDITS.toLocaleString("en")} edits ${mb(rss10k)}`);
  console.log(
    `flat = RSS after ${EDITS.toLocaleString("en")} edits within ${TARGET.rssGrowth}× of RSS after 1,000: ${growth.toFixed(2)}× — ${growth <= TARGET.rssGrowth ? "met" : "NOT met"}`,
  );
} finally {
  await client.close();
}
