// Untimed setup of bench/parallel.ts on a WorkerPool's threads: deterministic
// ecdsa key pairs (private key = keccak("weft-bench-parallel" ‖ i), the next
// counter when that is not a usable key) and signatures of digests.
import { getSuite } from "../../runtime/crypto/index.ts";

export const KEYS_TASK = "bench.parallel.keys";
export const SIGN_TASK = "bench.parallel.sign";

const suite = getSuite("ecdsa");
const utf8 = new TextEncoder();

export interface BenchKey {
  privateKey: Uint8Array;
  address: string;
}

export function deriveKey(i: number): BenchKey {
  for (let c = 0; ; c++) {
    const privateKey = suite.hash(utf8.encode(`weft-bench-parallel ${i} ${c}`));
    if (suite.isValidPrivateKey(privateKey)) return { privateKey, address: suite.addressOf(suite.publicKeyOf(privateKey)) };
  }
}

export const handlers = {
  [KEYS_TASK]: (p: unknown) => {
    const { from, to } = p as { from: number; to: number };
    const out: BenchKey[] = [];
    for (let i = from; i < to; i++) out.push(deriveKey(i));
    return out;
  },
  [SIGN_TASK]: (p: unknown) => {
    const { keys, digests } = p as { keys: Uint8Array[]; digests: Uint8Array[] };
    return digests.map((d, i) => suite.sign(d, keys[i]!));
  },
};
