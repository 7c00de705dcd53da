// `weft build --explain-parallel`: each public function's conflict keys
// (the ABI's `conflictFields`) in words, e.g.
//   Token.transfer: writes balances[msg.sender], balances[to] — parallel by caller and param 'to'
//   Feed.update: runs alone: calls another contract (Oracle.get at feed.weft:12:5)
// Pure, like the rest of the compiler: the sources come in as text.
import { analyze, type Sources } from "./analyze.ts";
import { LineIndex } from "./diagnostics/index.ts";
import { conflictFields, type ConflictField } from "./abi/index.ts";
import type { Footprint, KeyUse, RunsAlone } from "./effects/footprint.ts";
import { ENV_NAMES } from "./effects/keys.ts";
import type { FnInfo, Type, TypedProgram } from "./types/model.ts";
import type { FnEffects } from "./effects/index.ts";
import type { Span } from "./syntax/ast.ts";

export interface ParallelEntry {
  contract: string;
  function: string;
  conflictFields: ConflictField[];
  /** `Contract.fn: …` in words. */
  text: string;
}

const ENV_WORDS = ["caller", "origin", "block timestamp", "block number", "own address"];

/** Every public function of the contracts outside `std/` (or of `contracts`), in declaration order; [] when the sources have errors. */
export function explainParallel(sources: Sources, contracts?: string[]): ParallelEntry[] {
  const a = analyze(sources);
  if (!a.program || !a.effects || a.diagnostics.some((d) => d.severity === "error")) return [];
  const wanted = contracts ? new Set(contracts) : null;
  const at = locator(sources);
  const out: ParallelEntry[] = [];
  for (const c of a.program.contracts) {
    if (wanted ? !wanted.has(c.name) : c.file.startsWith("std/")) continue;
    for (const fn of c.fns) {
      const fp = a.effects.get(fn)?.footprint;
      if (!fn.isPublic || !fp) continue;
      out.push({ contract: c.name, function: fn.name, conflictFields: conflictFields(fp), text: `${c.name}.${fn.name}: ${describe(fn, fp, at)}` });
    }
  }
  return out;
}

/** For the golden tests: every function but `init`, its footprint in words and, for public ones, the conflict fields one a line. */
export function dumpFootprints(program: TypedProgram, effects: Map<FnInfo, FnEffects>, sources: Sources): string {
  const at = locator(sources);
  const out: string[] = [];
  for (const c of program.contracts) {
    out.push(`contract ${c.name}`);
    for (const fn of c.fns) {
      const fp = effects.get(fn)?.footprint;
      if (!fp) continue;
      out.push(`  ${fn.isPublic ? "pub " : ""}fn ${fn.name}: ${describe(fn, fp, at)}`);
      if (fn.isPublic) for (const f of conflictFields(fp)) out.push(`    ${JSON.stringify(f)}`);
    }
  }
  return out.join("\n") + "\n";
}

/** `file:line:column` of a span's start. */
function locator(sources: Sources): (span: Span) => string {
  const lines = new Map<string, LineIndex>();
  return (span) => {
    const text = sources[span.file];
    if (text === undefined) return span.file;
    if (!lines.has(span.file)) lines.set(span.file, new LineIndex(text));
    const p = lines.get(span.file)!.position(span.start);
    return `${span.file}:${p.line}:${p.column}`;
  };
}

/** A footprint in words (without the function's name). */
export function describe(fn: FnInfo, fp: Footprint, at: (span: Span) => string): string {
  if (fp.kind === "all") return `runs alone: ${reason(fp.reason, at)}`;
  if (fp.uses.length === 0) return "touches no storage — always parallel";
  const reads = fp.uses.filter((u) => !u.write).map((u) => keyText(fn, u));
  const writes = fp.uses.filter((u) => u.write).map((u) => keyText(fn, u));
  const what = [reads.length ? `reads ${reads.join(", ")}` : "", writes.length ? `writes ${writes.join(", ")}` : ""].filter(Boolean).join("; ");
  const by = unique(fp.uses.flatMap((u) => (u.key?.kind === "env" ? [ENV_WORDS[u.key.env]!] : u.key?.kind === "param" ? [`param '${paramText(fn, u.key.path)}'`] : [])));
  const serial = unique(fp.uses.filter((u) => u.write && u.key?.kind !== "env" && u.key?.kind !== "param").map((u) => keyText(fn, u)));
  const how = [by.length ? `parallel by ${joinWords(by)}` : "", serial.length ? `one at a time on ${serial.join(", ")}` : ""].filter(Boolean);
  if (!writes.length) how.push("read-only");
  return `${what} — ${how.join("; ")}`;
}

function reason(r: RunsAlone, at: (span: Span) => string): string {
  const where = `${r.what ? `${r.what} ` : ""}at ${at(r.span)}`;
  const via = r.via.length ? `, through ${r.via.map((f) => `\`${f.name}\``).join(" → ")}` : "";
  return `${r.why} (${where}${via})`;
}

function keyText(fn: FnInfo, u: KeyUse): string {
  const k = u.key;
  if (k === null) return u.state.name;
  const inner = k.kind === "env" ? ENV_NAMES[k.env]! : k.kind === "param" ? paramText(fn, k.path) : k.text;
  return `${u.state.name}[${inner}]`;
}

/** `to`, `order.owner`, `pair.0`: a parameter and the components along a path. */
function paramText(fn: FnInfo, path: number[]): string {
  const p = fn.params[path[0]!];
  let t: Type | undefined = p?.type;
  let text = p?.name ?? `#${path[0]}`;
  for (const i of path.slice(1)) {
    if (t?.kind === "struct") {
      text += `.${t.info.fields[i]?.name ?? i}`;
      t = t.info.fields[i]?.type;
    } else {
      text += `.${i}`;
      t = t?.kind === "tuple" ? t.elems[i] : undefined;
    }
  }
  return text;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function joinWords(xs: string[]): string {
  return xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}
