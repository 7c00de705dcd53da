// Signature recovery as a task of the node's worker threads: the block
// executor's pool (vm/parallel/pool.ts) loads this module in each thread,
// so one set of threads verifies signatures and executes blocks.
import { getSuite } from "../crypto/index.ts";
import type { SuiteName } from "../crypto/suite.ts";

export const VERIFY_TASK = "runtime.verify";

export interface VerifyRequest {
  suite: SuiteName;
  digests: Uint8Array[];
  signatures: Uint8Array[];
}

/**
 * The signer's checksummed address of each (digest, signature) pair, or null where the signature is not
 * valid. The address is derived here too (a hash and a checksum): on the worker threads, off the main one.
 */
export function sendersOf(req: VerifyRequest): (string | null)[] {
  const suite = getSuite(req.suite);
  return req.digests.map((d, i) => {
    const key = suite.recover(d, req.signatures[i]!);
    return key && suite.addressOf(key);
  });
}

export const handlers = { [VERIFY_TASK]: (payload: unknown) => sendersOf(payload as VerifyRequest) };
