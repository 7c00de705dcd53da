/** vm/parallel: the parallel block executor and its worker pool (docs/parallel.md). */
export { BlockExecutor } from "./executor.ts";
export { WayChooser, type Way } from "./adaptive.ts";
export { WorkerPool, type PoolOptions } from "./pool.ts";
export { withTransfer, type HandlerModule, type TaskHandler } from "./pool-protocol.ts";
export { KeyPlanner, KeyList, ConflictKind, EnvValue, type DescribedKey, type KeyEnv } from "./keys.ts";
export { buildDag, wavesOf, type Dag } from "./dag.ts";
export type { BlockTx, BlockEnv, BlockStats, BlockOutcome, ExecutorOptions } from "./types.ts";
