// /sys/crypto_tools (FISCO BCOS's CryptoPrecompiled): hashing and SM2
// signature verification for contracts, whatever the chain's own suite.
import { PrecompiledContract, hashGas, Refused } from "./base.ts";
import type { Precompile } from "../../vm/precompile.ts";

export interface CryptoToolsDeps {
  keccak256(data: Uint8Array): Uint8Array;
  sm3(data: Uint8Array): Uint8Array;
  /** SM2: the public key if `signature` (r ‖ s ‖ public key) signs `digest`, else null. */
  sm2Recover(digest: Uint8Array, signature: Uint8Array): Uint8Array | null;
  /** The SM chain address of an SM2 public key. */
  sm2Address(publicKey: Uint8Array): string;
}

/** Priced like an ECDSA recovery on Ethereum. */
const SM2_VERIFY_GAS = 3000n;

export function cryptoTools(deps: CryptoToolsDeps): Precompile {
  return new PrecompiledContract("/sys/crypto_tools", [
    {
      signature: "sm3(bytes data) view returns (bytes32)",
      gas: ([data]: [Uint8Array]) => hashGas(data.length),
      run: ([data]: [Uint8Array]) => [deps.sm3(data)],
    },
    {
      signature: "keccak256Hash(bytes data) view returns (bytes32)",
      gas: ([data]: [Uint8Array]) => hashGas(data.length),
      run: ([data]: [Uint8Array]) => [deps.keccak256(data)],
    },
    {
      signature: "sm2Verify(bytes32 message, bytes publicKey, bytes32 r, bytes32 s) view returns (bool, address)",
      gas: () => SM2_VERIFY_GAS,
      run: ([message, publicKey, r, s]: [Uint8Array, Uint8Array, Uint8Array, Uint8Array]) => {
        if (publicKey.length !== 64) throw new Refused(`publicKey must be 64 bytes (x ‖ y), got ${publicKey.length}`);
        const sig = new Uint8Array(128);
        sig.set(r, 0);
        sig.set(s, 32);
        sig.set(publicKey, 64);
        const ok = deps.sm2Recover(message, sig) !== null;
        return [ok, ok ? deps.sm2Address(publicKey) : "0000000000000000000000000000000000000000"];
      },
    },
  ]);
}
