// Generates the AssemblyScript field module of one curve (the `./field`
// that assembly/curve.ts imports): the curve's constants in Montgomery form
// and straight-line multiplication, squaring, addition and subtraction
// modulo p. Straight-line because V8 keeps the 8 + 8 limbs and the 16-limb
// product in registers and locals when nothing loops; a loop over memory
// was about twice as slow.
//
// Field elements are 8 little-endian u32 limbs in memory (32 bytes), in
// Montgomery form x·2^256 mod p, always fully reduced (< p). Products of
// two limbs plus two carries fit a u64: (2^32−1)² + 2(2^32−1) = 2^64 − 1.
import type { CurveParams } from "../../curves.ts";

const M32 = 0xffffffffn;
const R = 1n << 256n;

function limbs(x: bigint): number[] {
  const out: number[] = [];
  for (let i = 0; i < 8; i++) out.push(Number((x >> BigInt(32 * i)) & M32));
  return out;
}

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** a^e mod m (build time only). */
function powMod(a: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  let b = mod(a, m);
  for (; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
  }
  return r;
}

/** −p⁻¹ mod 2^32, by Newton's iteration on the low limb. */
function montInverse(p: bigint): bigint {
  const w = 1n << 32n;
  let x = 1n;
  for (let i = 0; i < 6; i++) x = mod(x * (2n - (p % w) * x), w);
  return mod(-x, w);
}

/**
 * p in base 2^32 with signed digits in (−2^31, 2^31]. Both curves' primes
 * are sparse this way: secp256k1 p = 2^256 − 2^32 − 977, SM2 p = 2^256 −
 * 2^224 − 2^96 + 2^64 − 1, so adding m·p costs a few additions (and one
 * small multiplication) instead of eight multiplications.
 */
function signedDigits(p: bigint): Map<number, bigint> | null {
  const out = new Map<number, bigint>();
  let carry = 0n;
  for (let k = 0; k <= 8; k++) {
    let d = ((p >> BigInt(32 * k)) & M32) + carry;
    carry = 0n;
    if (d > 1n << 31n) {
      d -= 1n << 32n;
      carry = 1n;
    }
    if (d !== 0n) out.set(k, d);
  }
  for (const d of out.values()) if (d > 1n << 20n || d < -(1n << 20n)) return null;
  return out;
}

/**
 * Montgomery reduction of the 16-limb product t: for i < 8, m = t_i·(−p⁻¹)
 * mod 2^32 and t += m·p·2^(32i), which clears limb i; the result is
 * t[8…15] (+ carry) = (t + Σ m·p·2^(32i))/2^256 < 2p, then p is
 * subtracted once if needed. The limbs become signed i64 lanes (r0 … r15)
 * so that p's signed digits can be added as they are, limb i's carry
 * moving up before limb i + 1 is read.
 */
function reduce(p: bigint, pinv: bigint): string[] {
  const pl = limbs(p);
  const digits = signedDigits(p);
  const mOf = (x: string) => (pinv === 1n ? `${x} & 0xffffffff` : `((${x} & 0xffffffff) * ${pinv}) & 0xffffffff`);
  if (!digits) throw new Error("the kernel reduces modulo sparse primes only (both curves' are)");
  const c0 = digits.get(0)!;
  const s = Array.from({ length: 16 }, (_, k) => `  let r${k}: i64 = <i64>t${k};`);
  s.push("  let m: i64 = 0;");
  for (let i = 0; i < 8; i++) {
    s.push(`  m = <i64>(${mOf(`<u64>r${i}`)});`);
    s.push(`  r${i + 1} += (r${i} ${c0 === -1n ? "- m" : `+ m * ${c0}`}) >> 32;`);
    for (const [k, d] of digits) {
      if (k === 0) continue;
      s.push(`  r${i + k} ${d === 1n ? "+= m" : d === -1n ? "-= m" : `+= m * ${d}`};`);
    }
  }
  s.push("  let top: i64 = 0;");
  for (let j = 8; j < 16; j++) s.push(`  top += r${j}; const v${j - 8}: u64 = <u64>(top & 0xffffffff); top >>= 32;`);
  s.push(...storeMinusP(pl, (j) => `v${j}`, "top"));
  return s;
}

/** Stores x − p if x ≥ p (x = limbs + carry·2^256 < 2p), else x. */
function storeMinusP(p: number[], limb: (j: number) => string, carry: string): string[] {
  const s = ["  let bw: u64 = 0;", "  let d: u64 = 0;"];
  for (let j = 0; j < 8; j++) s.push(`  d = ${limb(j)} - ${p[j]} - bw; const u${j} = d & 0xffffffff; bw = d >> 63;`);
  s.push(`  if (${carry} != 0 || bw == 0) {`);
  for (let j = 0; j < 8; j++) s.push(`    store<u32>(r, <u32>u${j}, ${4 * j});`);
  s.push("  } else {");
  for (let j = 0; j < 8; j++) s.push(`    store<u32>(r, <u32>${limb(j)}, ${4 * j});`);
  s.push("  }");
  return s;
}

function loads(name: string, ptr: string): string[] {
  return Array.from({ length: 8 }, (_, i) => `  const ${name}${i}: u64 = <u64>load<u32>(${ptr}, ${4 * i});`);
}

function temps(): string[] {
  return ["  let c: u64 = 0;", ...Array.from({ length: 16 }, (_, k) => `  let t${k}: u64 = 0;`)];
}

/**
 * Operand scanning, one carry chain per row. (Product scanning, which
 * sums each column's low and high halves apart to shorten the chains,
 * measured no faster under V8.)
 */
function mulSource(p: bigint): string {
  const s = ["/** r = a·b·2^-256 mod p. r may alias a or b. */", "export function fmul(r: usize, a: usize, b: usize): void {"];
  s.push(...loads("a", "a"), ...loads("b", "b"), ...temps());
  for (let i = 0; i < 8; i++) {
    s.push("  c = 0;");
    for (let j = 0; j < 8; j++) s.push(`  c = ${i === 0 ? "" : `t${i + j} + `}a${j} * b${i} + c; t${i + j} = c & 0xffffffff; c >>= 32;`);
    s.push(`  t${i + 8} = c;`);
  }
  s.push(...reduce(p, montInverse(p)), "}");
  return s.join("\n");
}

/** Squaring: the 28 cross products once, doubled, plus the 8 squares (36 multiplications instead of 64). */
function sqrSource(p: bigint): string {
  const s = ["/** r = a²·2^-256 mod p. r may alias a. */", "export function fsqr(r: usize, a: usize): void {"];
  s.push(...loads("a", "a"), ...temps());
  for (let i = 0; i < 7; i++) {
    s.push("  c = 0;");
    for (let j = i + 1; j < 8; j++) s.push(`  c = t${i + j} + a${i} * a${j} + c; t${i + j} = c & 0xffffffff; c >>= 32;`);
    s.push(`  t${i + 8} = c;`);
  }
  s.push("  c = 0;");
  for (let k = 1; k < 16; k++) s.push(`  c = (t${k} << 1) | c; t${k} = c & 0xffffffff; c >>= 32;`);
  s.push("  c = 0;");
  for (let i = 0; i < 8; i++) {
    s.push(`  c = t${2 * i} + a${i} * a${i} + c; t${2 * i} = c & 0xffffffff; c >>= 32;`);
    s.push(`  c = t${2 * i + 1} + c; t${2 * i + 1} = c & 0xffffffff; c >>= 32;`);
  }
  s.push(...reduce(p, montInverse(p)), "}");
  return s.join("\n");
}

function addSource(p: number[]): string {
  const s = ["/** r = a + b mod p. */", "export function fadd(r: usize, a: usize, b: usize): void {", "  let c: u64 = 0;"];
  for (let j = 0; j < 8; j++) s.push(`  c = <u64>load<u32>(a, ${4 * j}) + <u64>load<u32>(b, ${4 * j}) + c; const s${j} = c & 0xffffffff; c >>= 32;`);
  s.push(...storeMinusP(p, (j) => `s${j}`, "c"), "}");
  return s.join("\n");
}

function subSource(p: number[]): string {
  const s = ["/** r = a − b mod p. */", "export function fsub(r: usize, a: usize, b: usize): void {", "  let bw: u64 = 0;", "  let d: u64 = 0;"];
  for (let j = 0; j < 8; j++) s.push(`  d = <u64>load<u32>(a, ${4 * j}) - <u64>load<u32>(b, ${4 * j}) - bw; const s${j} = d & 0xffffffff; bw = d >> 63;`);
  s.push("  if (bw != 0) {", "    let c: u64 = 0;");
  for (let j = 0; j < 8; j++) s.push(`    c = s${j} + ${p[j]} + c; store<u32>(r, <u32>c, ${4 * j}); c >>= 32;`);
  s.push("  } else {");
  for (let j = 0; j < 8; j++) s.push(`    store<u32>(r, <u32>s${j}, ${4 * j});`);
  s.push("  }", "}");
  return s.join("\n");
}

function constant(name: string, value: bigint, doc: string): string {
  return `/** ${doc} */\nexport const ${name}: usize = memory.data<u32>([${limbs(value).join(", ")}]);`;
}

/** The AssemblyScript source of assembly/field.ts for `curve`. */
export function fieldSource(curve: CurveParams): string {
  const { p, n } = curve;
  const pl = limbs(p);
  if (p % 4n !== 3n) throw new Error(`${curve.name}: liftX needs p ≡ 3 (mod 4)`);
  const m = (x: bigint) => mod(x * R, p);
  const aKind = curve.a === 0n ? 0 : curve.a === p - 3n ? 3 : -1;
  if (aKind < 0) throw new Error(`${curve.name}: the kernel's doubling needs a = 0 or a = −3`);
  return [
    `// Generated by runtime/crypto/kernel/build/field.ts for ${curve.name}. Do not edit.`,
    "// @ts-nocheck: AssemblyScript, compiled by the kernel build, not by tsc.",
    "",
    `/** The curve's a: 0 (true) or −3 (false); picks the doubling formula. */`,
    `export const A_IS_ZERO: bool = ${aKind === 0};`,
    `/** Whether the curve has the endomorphism ψ(x, y) = (β·x, y) (secp256k1). */`,
    `export const HAS_ENDO: bool = ${curve.endo !== undefined};`,
    constant("BETA", m(curve.endo?.beta ?? 0n), "β, a cube root of 1 mod p, Montgomery form (0 without an endomorphism)."),
    constant("P", p, "The field prime, in normal form."),
    constant("ONE", m(1n), "1 in Montgomery form."),
    constant("RAW_ONE", 1n, "1 in normal form: fmul(r, x, RAW_ONE) leaves Montgomery form."),
    constant("R2", powMod(2n, 512n, p), "2^512 mod p: fmul(r, x, R2) enters Montgomery form."),
    constant("A", m(curve.a), "a in Montgomery form."),
    constant("B", m(curve.b), "b in Montgomery form."),
    constant("GX", m(curve.Gx), "The base point's x, Montgomery form."),
    constant("GY", m(curve.Gy), "The base point's y, Montgomery form."),
    constant("EXP_INV", p - 2n, "p − 2: x^(p−2) = x⁻¹."),
    constant("EXP_SQRT", (p + 1n) / 4n, "(p + 1)/4: a square root when p ≡ 3 (mod 4)."),
    "",
    constant("N", n, "The group order, normal form."),
    "",
    mulSource(p),
    "",
    sqrSource(p),
    "",
    addSource(pl),
    "",
    subSource(pl),
    "",
  ].join("\n");
}
