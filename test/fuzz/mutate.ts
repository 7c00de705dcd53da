// Inputs for fuzzing the compiler: a seeded PRNG, the corpus of realistic
// Weft sources (test/fuzz/corpus/*.weft), mutations of them at character and
// token level, token soups and random code units. Deterministic for a seed,
// so a failure can be replayed from the seed and the input's index.
// Reusable by any pass: `for (const input of fuzzInputs(seed, n)) …`.
import { readdirSync, readFileSync } from "node:fs";
import { tokenize } from "../../compiler/syntax/index.ts";

/** mulberry32: small, fast, good enough for fuzzing. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export interface CorpusFile {
  name: string;
  text: string;
}

let corpusCache: CorpusFile[] | null = null;

/** The realistic sources in test/fuzz/corpus. */
export function corpus(): CorpusFile[] {
  if (corpusCache) return corpusCache;
  const dir = new URL("./corpus/", import.meta.url);
  corpusCache = readdirSync(dir)
    .filter((f) => f.endsWith(".weft"))
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), "utf8") }));
  return corpusCache;
}

/** Tokens worth inserting: every keyword and operator, and typical names and literals. */
export const vocabulary: readonly string[] = [
  ..."contract interface struct enum event error const state init fn pub view reentrant let mut if else while for in break continue return emit revert unchecked as true false self use import indexed".split(" "),
  ..."map require assert truncate msg block tx abi hash u8 u256 i64 bool address string bytes bytes32 _ x y total Token".split(" "),
  ..."( ) { } [ ] < > << >> <= >= == != = += -= *= /= %= **= &= |= ^= <<= >>= + - * / % ** & | ^ ~ ! && || . .. ..= :: : ; , ->".split(" "),
  "0", "1", "42", "0xff", "0b101", "1_000", "1e18", "2.5e3", '"text"', '"a\\nb"', 'hex"00ff"', "/// doc", "// note", "/* c */",
];

/** Characters worth inserting: Weft punctuation, quotes, odd and invalid characters. */
const alphabet = [..."(){}[]<>;:,.=+-*/%!&|^~\"'\\_@#$?` \n\t0123456789abcxyzé✓", "\u0000", "\ud800", "\u2028", "\r"];

/** A token soup: random vocabulary separated by random whitespace. */
export function tokenSoup(rng: Rng, tokens = 1 + rng.int(80)): string {
  let s = "";
  for (let i = 0; i < tokens; i++) s += rng.pick(vocabulary) + rng.pick([" ", " ", " ", "", "\n", "\n    "]);
  return s;
}

/** Random UTF-16 code units (lone surrogates, controls and all). */
export function randomCodeUnits(rng: Rng, length = rng.int(400)): string {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(rng.chance(0.7) ? rng.int(128) : rng.int(0x10000));
  return s;
}

/** A run of whole lines of a text (a function, a few members, …). */
export function snippet(rng: Rng, text: string, maxLines = 25): string {
  const lines = text.split("\n");
  const n = 1 + rng.int(Math.min(maxLines, lines.length));
  const start = rng.int(lines.length - n + 1);
  return lines.slice(start, start + n).join("\n");
}

/**
 * Applies 1 to `rounds` random edits: at character level (delete, duplicate,
 * swap with the next, insert from `alphabet`) or at token level (delete,
 * duplicate, swap two tokens, insert or substitute a vocabulary token).
 */
export function mutate(rng: Rng, text: string, rounds = 4): string {
  let s = text;
  const n = 1 + rng.int(rounds);
  for (let k = 0; k < n; k++) {
    if (rng.chance(0.4)) {
      const p = rng.int(s.length + 1);
      switch (rng.int(4)) {
        case 0:
          s = s.slice(0, p) + s.slice(p + 1);
          break;
        case 1:
          s = s.slice(0, p) + s.slice(p, p + 1) + s.slice(p);
          break;
        case 2:
          s = s.slice(0, p) + s.slice(p + 1, p + 2) + s.slice(p, p + 1) + s.slice(p + 2);
          break;
        default:
          s = s.slice(0, p) + rng.pick(alphabet) + s.slice(p);
      }
      continue;
    }
    const toks = tokenize(s);
    if (toks.length === 0) {
      s += " " + rng.pick(vocabulary);
      continue;
    }
    const t = rng.pick(toks);
    const text_ = s.slice(t.start, t.end);
    switch (rng.int(5)) {
      case 0:
        s = s.slice(0, t.start) + s.slice(t.end);
        break;
      case 1:
        s = s.slice(0, t.end) + " " + text_ + s.slice(t.end);
        break;
      case 2: {
        const u = rng.pick(toks);
        if (u.start >= t.end) s = s.slice(0, t.start) + s.slice(u.start, u.end) + s.slice(t.end, u.start) + text_ + s.slice(u.end);
        break;
      }
      case 3:
        s = s.slice(0, t.start) + rng.pick(vocabulary) + " " + s.slice(t.start);
        break;
      default:
        s = s.slice(0, t.start) + rng.pick(vocabulary) + s.slice(t.end);
    }
  }
  return s;
}

export interface FuzzInput {
  /** How it was made: "snippet", "file", "soup" or "bytes". */
  kind: string;
  text: string;
}

/**
 * `count` inputs for a seed: mutated snippets of the corpus (45%), mutated
 * whole corpus files (10%), token soups (30%) and random code units (15%).
 */
export function* fuzzInputs(seed: number, count: number): Generator<FuzzInput> {
  const rng = new Rng(seed);
  const files = corpus();
  for (let i = 0; i < count; i++) {
    const r = rng.float();
    if (r < 0.45) yield { kind: "snippet", text: mutate(rng, snippet(rng, rng.pick(files).text)) };
    else if (r < 0.55) yield { kind: "file", text: mutate(rng, rng.pick(files).text, 8) };
    else if (r < 0.85) yield { kind: "soup", text: tokenSoup(rng) };
    else yield { kind: "bytes", text: randomCodeUnits(rng) };
  }
}
