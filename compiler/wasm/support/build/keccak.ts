// Writes assembly/keccak.generated.ts: keccak-256 with the 25 lanes of the
// Keccak-f[1600] state in u64 locals and each round unrolled (no state in
// memory, no index arithmetic). Under FISCO's metering a local.get costs
// what a load does, so the gain is in the instructions that go away:
//
//   - theta's column parities C are accumulated while chi writes each
//     column (the new lanes are teed into the parity), so theta reads no
//     lane; the first round's parities are computed after absorbing;
//   - theta's D is folded into rho-pi: B[y, 2x+3y] = rotl(A[x,y] ^ D[x], r);
//   - iota is folded into chi of lane 0;
//   - lane complementing (as in the Keccak team's "Bebigokimisa"
//     implementations): the lanes in MASK are kept complemented, which lets
//     chi's ~x & y be written with and/or on the stored values, with 6 nots
//     (i64.xor with -1) per round instead of 25. The formulas are derived
//     below from the mask, and the generator checks that the mask is
//     preserved and counts the nots;
//   - the state stays in locals across blocks; only the 17 rate lanes of
//     each block are loaded, and only the 4 digest lanes are stored.
//
// Padding of the last block is hand-written (keccak.ts: padBlock), as are
// the round constants (RC).

/** Rotation offsets r[x][y] of rho. */
const ROT: readonly (readonly number[])[] = [
  [0, 36, 3, 41, 18],
  [1, 44, 10, 45, 2],
  [62, 6, 43, 15, 61],
  [28, 55, 25, 21, 56],
  [27, 20, 39, 8, 14],
];

const RATE_LANES = 17;

const lane = (x: number, y: number): number => (x % 5) + 5 * (y % 5);

/**
 * Lanes (x + 5y) stored complemented: (1,0) (2,1) (3,1) (4,2) (2,3) (2,4).
 * Found by trying all 2^25 masks: 6 nots per round is the least when each
 * use of a complemented operand counts (sharing one not between two uses
 * would take a local, dearer than a second not). The reference mask of
 * the Keccak team needs 5 nots with sharing, 8 without.
 */
const MASK: ReadonlySet<number> = new Set([1, 7, 8, 14, 17, 22]);
const NOTS_PER_ROUND = 6;

/** 1 if lane i is stored complemented. */
const k = (i: number): number => (MASK.has(i) ? 1 : 0);

/**
 * chi for one lane, on stored values: true lane = b ^ (~x & y), with
 * b, x, y stored complemented when kb, kx, ky. Returns the expression, whose
 * value is the new lane complemented iff `out`, and the number of nots.
 */
function chiLane(b: string, kb: number, x: string, kx: number, y: string, ky: number, out: number): { text: string; nots: number } {
  // Candidates: [term, complement of the result relative to kb, nots].
  // With x', y' the stored values: ~x & y is x' & y' when (kx, ky) = (1, 0),
  // ~(x' | y') when (0, 1); otherwise one operand needs a not.
  const cands: [string, number, number][] =
    kx === 1 && ky === 0 ? [[`${x} & ${y}`, 0, 0]]
    : kx === 0 && ky === 1 ? [[`${x} | ${y}`, 1, 0]]
    : kx === 0 ? [[`~${x} & ${y}`, 0, 1], [`${x} | ~${y}`, 1, 1]]
    : [[`${x} & ~${y}`, 0, 1], [`~${x} | ${y}`, 1, 1]];
  const exact = cands.find(([, flip]) => (kb ^ flip) === out);
  if (exact) return { text: `${b} ^ (${exact[0]})`, nots: exact[2] };
  const [term, , nots] = cands[0]!; // complement b as well
  return { text: `~${b} ^ (${term})`, nots: nots + 1 };
}

function roundBody(): string[] {
  const out: string[] = [];
  // Complement of the stored parities and of D.
  const kC = (x: number): number => [0, 1, 2, 3, 4].reduce((p, y) => p ^ k(lane(x, y)), 0);
  const kD = (x: number): number => kC((x + 4) % 5) ^ kC((x + 1) % 5);
  // theta: D[x] = C[x-1] ^ rotl(C[x+1], 1)
  for (let x = 0; x < 5; x++) out.push(`const d${x} = c${(x + 4) % 5} ^ rotl<u64>(c${(x + 1) % 5}, 1);`);
  // theta applied, rho and pi
  const kB: number[] = new Array(25);
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      const to = lane(y, 2 * x + 3 * y);
      kB[to] = k(lane(x, y)) ^ kD(x);
      const v = `a${lane(x, y)} ^ d${x}`;
      const r = ROT[x]![y]!;
      out.push(`const b${to} = ${r === 0 ? v : `rotl<u64>(${v}, ${r})`};`);
    }
  }
  // chi (and iota on lane 0), column by column, each column's new lanes
  // xored into the next round's parity C[x].
  let nots = 0;
  for (let x = 0; x < 5; x++) {
    const terms: string[] = [];
    for (let y = 0; y < 5; y++) {
      const i = lane(x, y);
      const [j, l] = [lane(x + 1, y), lane(x + 2, y)];
      const chi = chiLane(`b${i}`, kB[i]!, `b${j}`, kB[j]!, `b${l}`, kB[l]!, k(i));
      nots += chi.nots;
      const iota = i === 0 ? " ^ load<u64>(RC + r)" : "";
      terms.push(`(a${i} = ${chi.text}${iota})`);
    }
    out.push(`c${x} = ${terms.join("\n      ^ ")};`);
  }
  if (nots !== NOTS_PER_ROUND) throw new Error(`keccak: lane complementing needs ${nots} nots per round, expected ${NOTS_PER_ROUND}`);
  return out;
}

/** The AssemblyScript source of assembly/keccak.generated.ts. */
export function renderKeccakSource(): string {
  // the all-zero initial state, complemented where MASK says
  const lanes = Array.from({ length: 25 }, (_, i) => `a${i}: u64 = ${k(i) ? "0xffffffffffffffff" : "0"}`);
  const decl: string[] = [];
  for (let i = 0; i < 25; i += 5) decl.push(`  let ${lanes.slice(i, i + 5).join(", ")};`);
  const absorb = Array.from({ length: RATE_LANES }, (_, i) => `    a${i} ^= load<u64>(blk, ${i * 8});`);
  const parity = Array.from({ length: 5 }, (_, x) =>
    `    let c${x} = ${Array.from({ length: 5 }, (_, y) => `a${lane(x, y)}`).join(" ^ ")};`);
  return [
    "// GENERATED by compiler/wasm/support/build/keccak.ts: do not edit.",
    "// Rebuild with `npx tsx compiler/wasm/support/build.ts`; a test fails when stale.",
    "//",
    "// keccak-256: the Keccak-f[1600] state in 25 u64 locals (lane x + 5y),",
    "// rounds unrolled, theta's parities accumulated by chi; the lanes",
    `// ${[...MASK].join(", ")} are stored complemented (lane complementing).`,
    'import { RATE, RC, padBlock } from "./keccak";',
    "",
    "/** out[0..32) = keccak-256(data[0..len)). */",
    "export function keccak256(data: usize, len: u32, out: usize): void {",
    ...decl,
    "  let p = data;",
    "  let left = len;",
    "  while (true) {",
    "    const full = left >= RATE;",
    "    const blk = full ? p : padBlock(p, left);",
    ...absorb,
    ...parity,
    "    for (let r: usize = 0; r < 24 * 8; r += 8) {",
    ...roundBody().map((l) => "      " + l),
    "    }",
    "    if (!full) break;",
    "    p += RATE;",
    "    left -= RATE;",
    "  }",
    ...[0, 1, 2, 3].map((i) => `  store<u64>(out, ${k(i) ? "~" : ""}a${i}, ${i * 8});`),
    "}",
    "",
  ].join("\n");
}
