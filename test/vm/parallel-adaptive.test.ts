// The adaptive executor's choice between parallel and serial execution
// (vm/parallel/adaptive.ts): fed with made-up timings, never the clock, so
// the test does not depend on the machine.
import { afterAll, describe, expect, it } from "vitest";
import { BlockExecutor, InMemoryState, WayChooser, type BlockTx, type Way } from "../../vm/index.ts";
import { encodeCall, findFunction } from "../../vm/abi/index.ts";
import { BLOCK, GAS, LIQUID_TRANSFER_ABI, SENDER, fixture, toHex } from "./helpers.ts";

/** Runs `n` blocks of 100 transactions through `c`, each way costing `cost[way]` ms per transaction; the ways picked. */
function drive(c: WayChooser, n: number, cost: (block: number) => Record<Way, number>): Way[] {
  const ways: Way[] = [];
  for (let b = 0; b < n; b++) {
    const way = c.pick(100);
    c.record(way, 100, 100 * cost(b)[way]);
    ways.push(way);
  }
  return ways;
}

describe("WayChooser", () => {
  it("measures both ways, keeps the cheaper, and looks at the other less often while it keeps losing", () => {
    const ways = drive(new WayChooser(), 200, () => ({ parallel: 0.02, serial: 0.005 }));
    expect(ways.slice(0, 2)).toEqual(["parallel", "serial"]);
    const explored = ways.flatMap((w, i) => (i >= 2 && w === "parallel" ? [i] : []));
    // after 8, 16, 32, 64, 64 … blocks
    expect(explored.slice(0, 4)).toEqual([9, 25, 57, 121]);
    expect(explored.length).toBeLessThan(7);
  });

  it("switches when the costs change", () => {
    const c = new WayChooser();
    const ways = drive(c, 120, (b) => (b < 40 ? { parallel: 0.02, serial: 0.005 } : { parallel: 0.002, serial: 0.005 }));
    expect(ways.slice(30, 40).filter((w) => w === "serial").length).toBeGreaterThanOrEqual(9);
    expect(ways.slice(100).every((w) => w === "parallel" || w === "serial")).toBe(true);
    expect(ways.slice(110).filter((w) => w === "parallel").length).toBeGreaterThanOrEqual(9);
    expect(c.costs().parallel).toBeLessThan(c.costs().serial);
  });

  it("leaves small blocks to the executor's own thresholds, and does not count them", () => {
    const c = new WayChooser();
    expect(c.pick(10)).toBe("parallel");
    c.record("parallel", 10, 1000);
    expect(Number.isNaN(c.costs().parallel)).toBe(true);
  });
});

describe("BlockExecutor with adaptive", () => {
  const open: BlockExecutor[] = [];
  afterAll(async () => {
    await Promise.all(open.map((e) => e.close()));
  });

  it("runs blocks serially while that is cheaper, with serial results and replicas kept current", async () => {
    // a chooser told that parallel blocks cost 10× serial ones
    class Rigged extends WayChooser {
      override time(way: Way, txs: number) {
        return () => this.record(way, txs, txs * (way === "parallel" ? 1 : 0.1));
      }
    }
    const ex = new BlockExecutor({ workers: 2, crypto: "keccak", inlineBelow: 1, adaptive: new Rigged() });
    const serial = new BlockExecutor({ workers: 0, crypto: "keccak" });
    open.push(ex, serial);
    const env = { block: BLOCK, gasLimit: GAS };
    const fn = findFunction(LIQUID_TRANSFER_ABI, "transfer");
    // the fixture's accounts: alice and charlie are funded; two chains of transfers the workers can run side by side
    const block = (k: number): BlockTx[] =>
      Array.from({ length: 40 }, (_, i) => ({ kind: "call", sender: SENDER, to: "/apps/transfer", input: encodeCall(fn, i % 2 ? ["charlie", "david", 1 + k] : ["alice", "bob", 1 + k], "keccak") }));
    const deploy: BlockTx = { kind: "deploy", sender: SENDER, address: "/apps/transfer", code: fixture("transfer.wasm"), ctorArgs: new Uint8Array(), abi: LIQUID_TRANSFER_ABI };
    const [p, s] = [new InMemoryState(), new InMemoryState()];
    await ex.execute(p, [deploy], env);
    await serial.execute(s, [deploy], env);
    const stats = [];
    for (let k = 0; k < 12; k++) {
      const [got, want] = [await ex.execute(p, block(k), env), await serial.execute(s, block(k), env)];
      expect(got.results.map((r) => [r.status, r.gasUsed, toHex(r.output)])).toEqual(want.results.map((r) => [r.status, r.gasUsed, "01"]));
      expect(p.dump()).toBe(s.dump());
      stats.push(got.stats);
    }
    expect(stats.map((x) => (x.chosenSerial ? "s" : "p")).join("")).toBe("psssssssspss");
    // the exploring parallel block after serial ones: the replicas had every serial write, nothing ran twice
    expect(stats[9]).toMatchObject({ chosenSerial: false, reexecuted: 0 });
    expect(stats[9]!.parallel).toBeGreaterThan(0);
  });
});
