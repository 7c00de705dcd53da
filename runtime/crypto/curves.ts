// The two curves of the crypto suites, as plain numbers, shared by the
// suites (which build @noble/curves points from them) and by the build of
// the verification kernel (which bakes them into Wasm).
//   secp256k1: SEC 2 v2, §2.4.1 (a = 0).
//   SM2:       GB/T 32918.5-2017 (GM/T 0003.5-2012) Annex C recommended curve (a = p − 3).

export interface CurveParams {
  readonly name: "secp256k1" | "sm2";
  /** Field prime. */
  readonly p: bigint;
  /** Order of the base point (both curves have cofactor 1). */
  readonly n: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly Gx: bigint;
  readonly Gy: bigint;
  /**
   * The GLV endomorphism ψ(x, y) = (β·x, y) = λ·(x, y), when the curve has
   * one: β and the reduced basis that splits a scalar into two ~128-bit
   * halves (@noble/curves' _splitEndoScalar).
   */
  readonly endo?: { beta: bigint; basis: [[bigint, bigint], [bigint, bigint]] };
}

export const SECP256K1: CurveParams = {
  name: "secp256k1",
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn,
  n: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
  a: 0n,
  b: 7n,
  Gx: 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n,
  Gy: 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n,
  // As @noble/curves' secp256k1 defines them (libsecp256k1's constants).
  endo: {
    beta: 0x7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501een,
    basis: [
      [0x3086d221a7d46bcde86c90e49284eb15n, -0xe4437ed6010e88286f547fa90abfe4c3n],
      [0x114ca50f7a8e2f3f657c1108d9d44cfd8n, 0x3086d221a7d46bcde86c90e49284eb15n],
    ],
  },
};

export const SM2: CurveParams = {
  name: "sm2",
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
