// keccak-256 in straight-line Wasm, used for `keccak256(…)`, `hash(…)` on a
// keccak chain and indexed event topics (the token's Transfer hashes two
// addresses per call, so this is on the benchmark's hot path).
//
// The support library has rt_keccak256 too; this version keeps the 25 lanes
// in locals and unrolls each round, which takes about a third of the
// instructions (and of the metered gas). It is a local stand-in until the
// support library's keccak is as fast; both give the same digests (tested
// against @noble/hashes).
//
//   w.keccak_f(state, block)   state ^= block (17 lanes), then Keccak-f[1600]
//   w.keccak256(obj) -> ptr    pre-NIST padding 0x01 … 0x80, rate 136; the
//                              digest is the first 32 bytes of a fresh state
//                              block, returned as a bytes32 value.
import type { Ex } from "../module.ts";
import type { Gen } from "./context.ts";
import { memcopy } from "./intrinsics.ts";

const RC = [
  0x0000000000000001n, 0x0000000000008082n, 0x800000000000808an, 0x8000000080008000n,
  0x000000000000808bn, 0x0000000080000001n, 0x8000000080008081n, 0x8000000000008009n,
  0x000000000000008an, 0x0000000000000088n, 0x0000000080008009n, 0x000000008000000an,
  0x000000008000808bn, 0x800000000000008bn, 0x8000000000008089n, 0x8000000000008003n,
  0x8000000000008002n, 0x8000000000000080n, 0x000000000000800an, 0x800000008000000an,
  0x8000000080008081n, 0x8000000000008080n, 0x0000000080000001n, 0x8000000080008008n,
];

/** Rotation offsets r[x][y] of rho. */
const ROT = [
  [0, 36, 3, 41, 18],
  [1, 44, 10, 45, 2],
  [62, 6, 43, 15, 61],
  [28, 55, 25, 21, 56],
  [27, 20, 39, 8, 14],
];

const RATE = 136;

function rcTable(): Uint8Array {
  const b = new Uint8Array(RC.length * 8);
  const v = new DataView(b.buffer);
  RC.forEach((c, i) => v.setBigUint64(i * 8, c, true));
  return b;
}

function keccakF(gen: Gen): string {
  return gen.intrinsic("keccak_f", ["i32", "i32"], "none", (f) => {
    const m = f.mod;
    const st = () => m.get(0, "i32");
    const blk = () => m.get(1, "i32");
    const a = Array.from({ length: 25 }, () => f.scratch("i64"));
    const b = Array.from({ length: 25 }, () => f.scratch("i64"));
    const c = Array.from({ length: 5 }, () => f.scratch("i64"));
    const d = Array.from({ length: 5 }, () => f.scratch("i64"));
    const round = f.scratch("i32");
    const g = (l: number) => m.get(l, "i64");
    const xor = (...xs: Ex[]) => xs.reduce((p, q) => m.i64.xor(p, q));
    const rot = (x: Ex, n: number) => (n === 0 ? x : m.rotl64(x, m.c64(BigInt(n))));
    const rc = m.c32(gen.data.raw(rcTable()));

    const body: Ex[] = [];
    // theta
    for (let x = 0; x < 5; x++) body.push(m.set(c[x]!, xor(g(a[x]!), g(a[x + 5]!), g(a[x + 10]!), g(a[x + 15]!), g(a[x + 20]!))));
    for (let x = 0; x < 5; x++) body.push(m.set(d[x]!, m.i64.xor(g(c[(x + 4) % 5]!), rot(g(c[(x + 1) % 5]!), 1))));
    // theta applied, then rho and pi: B[y, 2x+3y] = rot(A[x, y] ^ D[x], r[x][y])
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        const to = y + 5 * ((2 * x + 3 * y) % 5);
        body.push(m.set(b[to]!, rot(m.i64.xor(g(a[x + 5 * y]!), g(d[x]!)), ROT[x]![y]!)));
      }
    }
    // chi
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 5; x++) {
        const i = x + 5 * y;
        const b1 = b[((x + 1) % 5) + 5 * y]!;
        const b2 = b[((x + 2) % 5) + 5 * y]!;
        body.push(m.set(a[i]!, m.i64.xor(g(b[i]!), m.i64.and(m.i64.xor(g(b1), m.c64(-1n)), g(b2)))));
      }
    }
    // iota
    body.push(m.set(a[0]!, m.i64.xor(g(a[0]!), m.i64.load(m.i32.add(rc, m.i32.shl(m.get(round, "i32"), m.c32(3)))))));
    body.push(m.set(round, m.i32.add(m.get(round, "i32"), m.c32(1))));
    body.push(m.br("round", m.i32.ltU(m.get(round, "i32"), m.c32(24))));

    const load: Ex[] = a.map((l, i) => {
      const lane = m.i64.load(st(), i * 8);
      return m.set(l, i < RATE / 8 ? m.i64.xor(lane, m.i64.load(blk(), i * 8)) : lane);
    });
    const store: Ex[] = a.map((l, i) => m.i64.store(st(), g(l), i * 8));
    return m.block(null, [...load, m.set(round, m.c32(0)), m.loop("round", m.block(null, body)), ...store]);
  });
}

/** w.keccak256(obj) -> bytes32 */
export function keccak256Fn(gen: Gen): string {
  const permute = keccakF(gen);
  const copy = memcopy(gen);
  return gen.intrinsic("keccak256", ["i32"], "i32", (f) => {
    const m = f.mod;
    const st = f.scratch("i32");
    const p = f.scratch("i32");
    const left = f.scratch("i32");
    const pad = f.scratch("i32");
    const get = (l: number) => m.get(l, "i32");
    return m.block(null, [
      m.set(st, gen.rt("alloc", [m.c32(200)])),
      m.set(p, m.i32.add(m.get(0, "i32"), m.c32(4))),
      m.set(left, m.i32.load(m.get(0, "i32"))),
      m.block("full.done", [
        m.loop(
          "full",
          m.block(null, [
            m.br("full.done", m.i32.ltU(get(left), m.c32(RATE))),
            m.call(permute, [get(st), get(p)], "none"),
            m.set(p, m.i32.add(get(p), m.c32(RATE))),
            m.set(left, m.i32.sub(get(left), m.c32(RATE))),
            m.br("full"),
          ]),
        ),
      ]),
      // the last, padded block
      m.set(pad, gen.rt("alloc", [m.c32(RATE)])),
      m.call(copy, [get(pad), get(p), get(left)], "none"),
      m.store8(m.i32.add(get(pad), get(left)), m.c32(0x01)),
      m.store8(get(pad), m.i32.or(m.load8u(get(pad), RATE - 1), m.c32(0x80)), RATE - 1),
      m.call(permute, [get(st), get(pad)], "none"),
      get(st),
    ], "i32");
  });
}
