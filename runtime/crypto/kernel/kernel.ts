// The JS side of the verification kernels (assembly/curve.ts): one Wasm
// instance per curve, created on first use, its G table built then (a few
// milliseconds). Numbers cross as 32-byte big-endian arrays or bigints,
// stored into the kernel's exchange area as little-endian u32 limbs.
//
// Why Wasm: u1·G + u2·Q is ~3,200 field multiplications; with bigint each
// costs ~0.5 µs in V8 (allocation and division), in Wasm with u32 limbs
// and u64 products ~0.1 µs. @noble/curves does the same job in the
// reference paths that the tests compare the kernel against.
import { engine } from "../../../vm/wasm/engine.ts";
import { KERNEL_WASM_BASE64 } from "./kernel.generated.ts";

interface KernelExports {
  memory: { buffer: ArrayBuffer };
  io(): number;
  init(): void;
  mulAdd(): number;
  mulAddEndo(negQ: number, negPsi: number): number;
  eqX(): number;
  affine(): void;
  onCurve(): number;
  liftX(odd: number): number;
  invN(): void;
}

const U1 = 0, U2 = 32, QX = 64, QY = 96, OX = 128, OY = 160, CAND = 192, U3 = 224;

export class CurveKernel {
  private readonly x: KernelExports;
  private view: DataView;
  private readonly io: number;

  constructor(wasm: Uint8Array) {
    const inst = new engine.Instance(new engine.Module(wasm), {});
    this.x = inst.exports as unknown as KernelExports;
    this.x.init(); // grows memory: take the views afterwards
    this.view = new DataView(this.x.memory.buffer);
    this.io = this.x.io();
  }

  private putBytes(slot: number, be: Uint8Array, at = 0): void {
    const src = new DataView(be.buffer, be.byteOffset + at, 32);
    for (let i = 0; i < 8; i++) this.view.setUint32(this.io + slot + 4 * i, src.getUint32(28 - 4 * i), true);
  }

  private putBig(slot: number, v: bigint): void {
    const hex = v.toString(16).padStart(64, "0");
    for (let i = 0; i < 8; i++) this.view.setUint32(this.io + slot + 4 * i, parseInt(hex.slice(56 - 8 * i, 64 - 8 * i), 16), true);
  }

  private getBytes(slot: number, out: Uint8Array, at: number): void {
    const dst = new DataView(out.buffer, out.byteOffset + at, 32);
    for (let i = 0; i < 8; i++) dst.setUint32(28 - 4 * i, this.view.getUint32(this.io + slot + 4 * i, true));
  }

  /** Whether x ‖ y (64 bytes at `at` of `xy`, big-endian, each < p) is a point of the curve. */
  setPoint(xy: Uint8Array, at = 0): boolean {
    this.putBytes(QX, xy, at);
    this.putBytes(QY, xy, at + 32);
    return this.x.onCurve() === 1;
  }

  /** Sets Q to the point with x = `x` (< p) and y of parity `odd`; false if there is none. */
  liftX(x: bigint, odd: boolean): boolean {
    this.putBig(QX, x);
    return this.x.liftX(odd ? 1 : 0) === 1;
  }

  /** u1·G + u2·Q for the Q of setPoint()/liftX() (scalars < 2^256); false if the sum is infinity. */
  mulAdd(u1: bigint, u2: bigint): boolean {
    this.putBig(U1, u1);
    this.putBig(U2, u2);
    return this.x.mulAdd() === 1;
  }

  /**
   * mulAdd() for a curve with an endomorphism, u2 given split (GLV):
   * u2 ≡ (neg1 ? −k1 : k1) + λ·(neg2 ? −k2 : k2) mod n, k1, k2 < 2^129.
   */
  mulAddSplit(u1: bigint, k1: bigint, neg1: boolean, k2: bigint, neg2: boolean): boolean {
    this.putBig(U1, u1);
    this.putBig(U2, k1);
    this.putBig(U3, k2);
    return this.x.mulAddEndo(neg1 ? 1 : 0, neg2 ? 1 : 0) === 1;
  }

  /** After mulAdd(): whether the sum's affine x equals `x` (< p). */
  xEquals(x: bigint): boolean {
    this.putBig(CAND, x);
    return this.x.eqX() === 1;
  }

  /** x⁻¹ mod n for 0 < x < n (n the curve's order). */
  invertScalar(x: bigint): bigint {
    this.putBig(CAND, x);
    this.x.invN();
    let hex = "";
    for (let i = 7; i >= 0; i--) hex += this.view.getUint32(this.io + OX + 4 * i, true).toString(16).padStart(8, "0");
    return BigInt("0x" + hex);
  }

  /** After a finite mulAdd(): the sum as x ‖ y, 64 bytes. */
  affine(): Uint8Array {
    this.x.affine();
    const out = new Uint8Array(64);
    this.getBytes(OX, out, 0);
    this.getBytes(OY, out, 32);
    return out;
  }
}

function decode(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, "base64"));
}

const kernels = new Map<string, CurveKernel>();

/** The kernel of a curve, instantiated on first use. */
export function kernel(curve: "secp256k1" | "sm2"): CurveKernel {
  let k = kernels.get(curve);
  if (!k) kernels.set(curve, (k = new CurveKernel(decode(KERNEL_WASM_BASE64[curve]))));
  return k;
}
