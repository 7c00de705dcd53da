// A thread of the worker pool (pool.ts). Plain JavaScript so that it starts
// the same way under tsx, vitest or the `weft` binary: it registers tsx's
// loader, then loads the TypeScript part (as runtime/node/verify-worker.js).
import { register } from "tsx/esm/api";

register();
await import("./pool-worker-impl.ts");
