// runtime/store: the chain's persistent store (README.md beside this file).
export { ChainStore, type HeadInfo, type StoredTransaction, type StorageProof, type ReceiptProof } from "./store.ts";
export { BlockState, type StateDiff, type StorageWrite, type ContractWrite } from "./diff.ts";
export type { PreparedState } from "./state.ts";
export { EMPTY_ROOT, verifyTrieProof, type TrieProof, type ProofStep } from "./trie.ts";
