// One parse per file text: an edit re-parses only the changed file, and in
// it, when it can, only the changed top-level declaration (incremental.ts).
// The cache holds at most the files of the latest analysis (entries for
// files no longer analysed are dropped), so it never grows past them.
import { analyze, type Analysis, type Sources } from "../../compiler/analyze.ts";
import { parse, type ParseResult } from "../../compiler/syntax/index.ts";
import { reparse } from "./incremental.ts";

export class ParseCache {
  private entries = new Map<string, { text: string; result: ParseResult }>();

  parse(path: string, text: string): ParseResult {
    const hit = this.entries.get(path);
    if (hit?.text === text) return hit.result;
    const result = (hit && reparse(path, hit.text, hit.result, text, parse)) || parse(path, text);
    this.entries.set(path, { text, result });
    return result;
  }

  /** Analyses `sources` with cached parses, then forgets files not among them. */
  analyze(sources: Sources): Analysis {
    const analysis = analyze(sources, { parse: (p, t) => this.parse(p, t) });
    for (const path of this.entries.keys()) if (!(path in sources)) this.entries.delete(path);
    return analysis;
  }

  get size(): number {
    return this.entries.size;
  }
}
