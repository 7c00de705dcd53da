// A task handler module for the pool tests (vm/parallel/pool-protocol.ts).
import { threadId } from "node:worker_threads";

export const handlers = {
  "test.echo": (p: unknown) => ({ echoed: p }),
  "test.sum": (p: unknown) => (p as number[]).reduce((a, b) => a + b, 0),
  "test.throw": (p: unknown) => {
    throw new Error(`refused ${String(p)}`);
  },
  // holds the thread for p milliseconds
  "test.sleep": (p: unknown) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, p as number),
  // which thread ran it
  "test.thread": () => threadId,
  // ends the thread itself, with this task in flight
  "test.die": () => process.exit(3),
};
