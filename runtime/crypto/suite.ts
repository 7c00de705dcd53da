// The crypto suite of a chain, chosen at genesis as FISCO does:
//   ecdsa — secp256k1 signatures (low-s), keccak-256 hashes;
//   sm    — SM2 signatures (GB/T 32918, default user id "1234567812345678"),
//           SM3 hashes, SM4 for keystores.
// Signatures are in FISCO's wire formats:
//   ecdsa: r ‖ s ‖ v           (65 bytes, v ∈ {0, 1}, s ≤ n/2)
//   sm:    r ‖ s ‖ public key  (128 bytes; the key is 64 bytes, x ‖ y)
// so that the signer's public key (hence its address) comes out of every
// valid signature.

export type SuiteName = "ecdsa" | "sm";

export interface KeyPair {
  /** 32 bytes. */
  privateKey: Uint8Array;
  /** Uncompressed, without the 0x04 prefix: x ‖ y, 64 bytes. */
  publicKey: Uint8Array;
}

export interface CryptoSuite {
  readonly name: SuiteName;
  /** What the compiler and the VM call this suite's hash. */
  readonly hashName: "keccak" | "sm";
  /** keccak-256 or SM3: 32 bytes. */
  hash(data: Uint8Array): Uint8Array;
  generateKeyPair(): KeyPair;
  publicKeyOf(privateKey: Uint8Array): Uint8Array;
  /** Checksummed 40-hex address of a public key (runtime/accounts.ts). */
  addressOf(publicKey: Uint8Array): string;
  /** Signs a 32-byte digest (deterministic nonce, RFC 6979 style). */
  sign(digest: Uint8Array, privateKey: Uint8Array): Uint8Array;
  /**
   * The signer's public key when `signature` is a valid signature of
   * `digest` in this suite's format (ecdsa: high s refused), else null.
   * Never throws on malformed input.
   */
  recover(digest: Uint8Array, signature: Uint8Array): Uint8Array | null;
}

/**
 * What runtime/crypto's own suites offer beyond CryptoSuite (which other
 * implementations, such as test doubles, need not).
 */
export interface KeyedSuite extends CryptoSuite {
  /** Whether 32 bytes are a usable private key (ecdsa: 1 ≤ d < n; sm: 1 ≤ d ≤ n − 2, GB/T 32918.1 §6.1). */
  isValidPrivateKey(privateKey: Uint8Array): boolean;
}
