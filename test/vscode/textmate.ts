// Loads lsp/vscode's TextMate grammar the way VS Code does (vscode-textmate
// with the Oniguruma regex engine compiled to Wasm) and tokenizes text with
// it, so tests see the scopes an editor would show.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import oniguruma from "vscode-oniguruma";
import textmate, { type IGrammar } from "vscode-textmate";

export const grammarPath = fileURLToPath(new URL("../../lsp/vscode/syntaxes/weft.tmLanguage.json", import.meta.url));

/** One token: its text, its offset in the whole text, its scopes (outermost first). */
export interface ScopedToken {
  text: string;
  start: number;
  end: number;
  line: number;
  scopes: string[];
}

let loaded: Promise<IGrammar> | undefined;

async function load(): Promise<IGrammar> {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === "source.weft" ? textmate.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar("source.weft");
  if (!grammar) throw new Error("the grammar source.weft did not load");
  return grammar;
}

/** The Weft grammar, loaded once per test file. */
export function weftGrammar(): Promise<IGrammar> {
  loaded ??= load();
  return loaded;
}

/** Every token of `text`, line by line, with the rule stack carried across lines as VS Code does. */
export async function tokenizeText(text: string): Promise<ScopedToken[]> {
  const grammar = await weftGrammar();
  const out: ScopedToken[] = [];
  let stack = textmate.INITIAL;
  let offset = 0;
  const lines = text.split("\n");
  lines.forEach((raw, line) => {
    const lineText = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const r = grammar.tokenizeLine(lineText, stack);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, lineText.length);
      if (end > t.startIndex)
        out.push({ text: lineText.slice(t.startIndex, end), start: offset + t.startIndex, end: offset + end, line, scopes: t.scopes });
    }
    stack = r.ruleStack;
    offset += raw.length + 1;
  });
  return out;
}

/** The scopes of the token at `offset` (the root scope alone when nothing more specific applies). */
export function scopesAtOffset(tokens: ScopedToken[], offset: number): string[] {
  const t = tokens.find((x) => x.start <= offset && offset < x.end);
  if (!t) throw new Error(`no token at offset ${offset}`);
  return t.scopes;
}

/**
 * The scopes at the first character of `focus` inside the first occurrence
 * of `needle` in `text` (`focus` defaults to the whole needle):
 * `scopesAt(text, "pub fn transfer(", "transfer")`.
 */
export async function scopesAt(text: string, needle: string, focus: string = needle): Promise<string[]> {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${JSON.stringify(needle)} is not in the text`);
  const within = needle.indexOf(focus);
  if (within < 0) throw new Error(`${JSON.stringify(focus)} is not in ${JSON.stringify(needle)}`);
  return scopesAtOffset(await tokenizeText(text), at + within);
}
