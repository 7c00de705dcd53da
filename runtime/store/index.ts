// runtime/store: the chain's persistent store (README.md beside this file).
export { ChainStore, type HeadInfo, type StoredTransaction } from "./store.ts";
export { verifyStorageProof, verifyReceiptProof, storagePath, type StorageProof, type ReceiptProof } from "./proofs.ts";
export { BlockState, type StateDiff, type StorageWrite, type ContractWrite } from "./diff.ts";
export type { PreparedState } from "./state.ts";
export { EMPTY_ROOT, verifyTrieProof, type TrieProof, type ProofStep } from "./trie.ts";
