// A task handler module for the pool tests (vm/parallel/pool-protocol.ts).
export const handlers = {
  "test.echo": (p: unknown) => ({ echoed: p }),
  "test.sum": (p: unknown) => (p as number[]).reduce((a, b) => a + b, 0),
  "test.throw": (p: unknown) => {
    throw new Error(`refused ${String(p)}`);
  },
  // ends the thread itself, with this task in flight
  "test.die": () => process.exit(3),
};
