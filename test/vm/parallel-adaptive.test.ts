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
  it("measures both ways, keeps the cheaper, and looks at the other at a price of at most 3% of the time", () => {
    /** the blocks where a look at parallel began (a look runs two blocks and counts the second) */
    const looks = (cost: Record<Way, number>) => {
      const ways = drive(new WayChooser(), 600, () => cost);
      expect(ways.slice(0, 4)).toEqual(["parallel", "parallel", "serial", "serial"]);
      const starts = ways.flatMap((w, i) => (i >= 4 && w === "parallel" && ways[i - 1] === "serial" ? [i] : []));
      for (const at of starts) expect(ways.slice(at, at + 3)).toEqual(["parallel", "parallel", "serial"]);
      return starts;
    };
    // parallel 4× dearer: a look (two blocks) costs 4 ms, so one per ~133 ms of serial blocks (0.5 ms each)
    const far = looks({ parallel: 0.02, serial: 0.005 });
    expect(far.length).toBe(2);
    expect(far.every((at, i) => at - (far[i - 1] ?? 0) > 250)).toBe(true);
    // nearly as cheap: looks far more often, though never within 8 blocks
    const near = looks({ parallel: 0.0055, serial: 0.005 });
    expect(near.length).toBeGreaterThanOrEqual(6);
    expect(near.every((at, i) => at - (near[i - 1] ?? 0) > 8)).toBe(true);
  });

  it("prices a look at what the last one cost in all, the cold first block included", () => {
    // parallel right after serial blocks is cold (replicas emptied): 10× its warm cost
    const c = new WayChooser();
    const ways: Way[] = [];
    let lookMs = 0;
    let allMs = 0;
    for (let b = 0; b < 3000; b++) {
      const way = c.pick(100);
      const perTx = way === "serial" ? 0.005 : ways[b - 1] === "parallel" ? 0.02 : 0.2;
      c.record(way, 100, 100 * perTx);
      ways.push(way);
      allMs += 100 * perTx;
      if (b >= 4 && way === "parallel") lookMs += 100 * perTx;
    }
    expect(ways.slice(0, 4)).toEqual(["parallel", "parallel", "serial", "serial"]);
    // a look costs 22 ms, so one per ~730 ms of serial blocks (0.5 ms each): at most 3% of the time goes to looks.
    // Priced at the warm figure (4 ms) it would look every ~270 blocks and spend ~15% on looks.
    expect(lookMs / allMs).toBeLessThanOrEqual(0.03);
    expect(ways.filter((w, i) => i >= 4 && w === "parallel" && ways[i - 1] === "serial").length).toBeGreaterThanOrEqual(1);
  });

  it("switches when the costs change", () => {
    const c = new WayChooser();
    const ways = drive(c, 500, (b) => (b < 40 ? { parallel: 0.02, serial: 0.005 } : { parallel: 0.002, serial: 0.005 }));
    expect(ways.slice(4, 40).every((w) => w === "serial")).toBe(true);
    const after = ways.slice(300);
    expect(after.filter((w) => w === "parallel").length).toBeGreaterThanOrEqual(after.length - 3);
    expect(c.costs(100).parallel).toBeLessThan(c.costs(100).serial);
  });

  it("keeps the figures of each block size apart", () => {
    const c = new WayChooser();
    drive(c, 50, () => ({ parallel: 0.02, serial: 0.005 })); // blocks of 100
    expect(c.pick(100)).toBe("serial");
    // blocks of 10,000 have no figures yet: they measure both ways themselves
    expect(c.pick(10_000)).toBe("parallel");
    expect(Number.isNaN(c.costs(10_000).serial)).toBe(true);
    expect(c.costs(120).serial).toBe(c.costs(100).serial); // the same class
  });

  it("leaves small blocks to the executor's own thresholds, and does not count them", () => {
    const c = new WayChooser();
    expect(c.pick(10)).toBe("parallel");
    c.record("parallel", 10, 1000);
    c.record("parallel", 10, 1000);
    expect(Number.isNaN(c.costs(10).parallel)).toBe(true);
  });
});

describe("BlockExecutor with adaptive", () => {
  const open: BlockExecutor[] = [];
  afterAll(async () => {
    await Promise.all(open.map((e) => e.close()));
  });

  it("runs blocks serially while that is cheaper, with serial results, and empties the replicas it no longer keeps current", async () => {
    // a chooser told that parallel blocks cost 1.2× serial ones (so it looks at parallel again after ~80 blocks)
    class Rigged extends WayChooser {
      override time(way: Way, txs: number) {
        return () => this.record(way, txs, txs * (way === "parallel" ? 0.12 : 0.1));
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
    for (let k = 0; k < 90; k++) {
      const [got, want] = [await ex.execute(p, block(k), env), await serial.execute(s, block(k), env)];
      expect(got.results.map((r) => [r.status, r.gasUsed, toHex(r.output)])).toEqual(want.results.map((r) => [r.status, r.gasUsed, "01"]));
      expect(p.dump()).toBe(s.dump());
      stats.push(got.stats);
    }
    const ways = stats.map((x) => (x.chosenSerial ? "s" : "p")).join("");
    expect(ways).toMatch(/^pps{70,}pps*$/);
    // the look at parallel after the serial blocks: the replicas started over (misses, not stale reads): nothing ran twice
    const look = stats[ways.lastIndexOf("pp")]!;
    expect(look).toMatchObject({ chosenSerial: false, reexecuted: 0 });
    expect(look.parallel).toBeGreaterThan(0);
  });
});
