// weft/client: talk to a Weft node (or a FISCO BCOS 3.x style one) over JSON-RPC. See README.md.
export { Client, type ClientOptions, type GroupInfo, type BlockOptions, type EventFilter, type NotifiedLog, type Subscription, type TxCall } from "./client.ts";
export { ContractHandle, type SendOptions, type CallOptions, type Deployed } from "./contract.ts";
export { makeSigner, signTx, txData, randomNonce, type Signer, type SignedTx } from "./tx.ts";
export { decodeReceipt, type DecodedReceipt, type DecodedLog } from "./receipt.ts";
export { RpcCallError, TransportError, TxFailed, type TransportErrorKind } from "./errors.ts";
export { HttpTransport } from "./http.ts";
export { WsTransport } from "./ws.ts";
export type { Transport, TransportOptions, RpcCall, Settled } from "./transport.ts";
// So that an application needs only weft/client to sign: the chain's suites (runtime/crypto).
export { getSuite, type CryptoSuite, type KeyPair } from "../crypto/index.ts";
