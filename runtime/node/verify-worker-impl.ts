// The worker side of verifier.ts: recovers the signer's public key of each
// (digest, signature) pair it is sent, with the chain's suite.
import { parentPort } from "node:worker_threads";
import { getSuite } from "../crypto/index.ts";
import type { VerifyReply, VerifyRequest } from "./verifier.ts";

parentPort!.on("message", (req: VerifyRequest) => {
  const suite = getSuite(req.suite);
  const keys: (Uint8Array | null)[] = req.digests.map((d, i) => suite.recover(d, req.signatures[i]!));
  const reply: VerifyReply = { id: req.id, keys };
  parentPort!.postMessage(reply);
});
