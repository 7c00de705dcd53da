// vm/parallel's conflict keys (FISCO's contract/slot/suffix semantics) and
// the DAG levels they give.
import { describe, expect, it } from "vitest";
import { encodeCall, encodeParams, findFunction, type Abi } from "../../vm/abi/index.ts";
import { checksumAddress } from "../../vm/crypto.ts";
import { KeyList, KeyPlanner, buildDag, wavesOf } from "../../vm/parallel/index.ts";
import { toHex } from "./helpers.ts";

const SENDER = "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
const env = { sender: SENDER, origin: "fb6916095ca1df60bb79ce92ce3ea74c37c5d359", block: { number: 7, timestamp: 1_700_000_000_123 } };
const fn = (name: string, inputs: { name: string; type: string; components?: { name: string; type: string }[] }[], conflictFields?: unknown[]): Abi[number] => ({ type: "function", name, inputs, outputs: [], ...(conflictFields ? { conflictFields } : {}) });
const abi: Abi = [
  fn("move", [{ name: "to", type: "string" }, { name: "amount", type: "uint32" }], [{ kind: 2, value: [0], slot: 4 }, { kind: 3, value: [0], slot: 4 }]),
  fn("order", [{ name: "o", type: "tuple", components: [{ name: "id", type: "uint64" }, { name: "owner", type: "string" }] }], [{ kind: 3, value: [0, 1], slot: 2, read_only: true }]),
  fn("env", [], [1, 2, 3, 4].map((w) => ({ kind: 2, value: [w], slot: 9 }))),
  fn("konst", [], [{ kind: 4, value: [8, 97, 98], slot: 1 }, { kind: 1, value: [], slot: 0 }, { kind: 5, value: [], slot: 0 }]),
  fn("everything", [], [{ kind: 0, value: [], slot: 0 }]),
  fn("unmarked", [{ name: "x", type: "uint32" }]),
];
const input = (name: string, args: unknown[]) => encodeCall(findFunction(abi, name), args, "keccak");
const scaleString = (s: string) => toHex(encodeParams([{ type: "string" }], [s]));
const planner = new KeyPlanner("keccak");

describe("conflict keys", () => {
  it("Env caller is the SCALE string of the account as the contract sees it; Params is the argument's SCALE bytes", () => {
    const to = "1111111111111111111111111111111111111111";
    expect(planner.describe("/apps/t", abi, input("move", [to, 5]), env)).toEqual([
      { key: `/apps/t/4/${scaleString(checksumAddress(SENDER, "keccak"))}`, readOnly: false },
      { key: `/apps/t/4/${scaleString(to)}`, readOnly: false },
    ]);
  });

  it("follows a parameter path into a tuple's component and keeps read_only", () => {
    expect(planner.describe("/apps/o", abi, input("order", [[42n, "bob"]]), env)).toEqual([{ key: `/apps/o/2/${scaleString("bob")}`, readOnly: true }]);
  });

  it("builds Env keys for origin, timestamp, number and the contract's own address", () => {
    const keys = planner.describe("/apps/e", abi, input("env", []), env);
    const u64 = (n: number) => Buffer.from(new BigUint64Array([BigInt(n)]).buffer).toString("hex");
    expect(keys).toEqual([
      { key: `/apps/e/9/${scaleString(checksumAddress(env.origin, "keccak"))}`, readOnly: false },
      { key: `/apps/e/9/${u64(env.block.timestamp)}`, readOnly: false },
      { key: `/apps/e/9/${u64(env.block.number)}`, readOnly: false },
      { key: `/apps/e/9/${scaleString("/apps/e")}`, readOnly: false },
    ]);
  });

  it("takes Const bytes as given, Len as the slot itself, and None as no key", () => {
    expect(planner.describe("/apps/k", abi, input("konst", []), env)).toEqual([
      { key: "/apps/k/1/086162", readOnly: false },
      { key: "/apps/k/0/", readOnly: false },
    ]);
  });

  it("is 'all' for kind All, an entry without conflictFields, an unknown selector, a missing ABI and input that does not decode", () => {
    expect(planner.describe("/a", abi, input("everything", []), env)).toBe("all");
    expect(planner.describe("/a", abi, input("unmarked", [1]), env)).toBe("all");
    expect(planner.describe("/a", abi, new Uint8Array([1, 2, 3, 4]), env)).toBe("all");
    expect(planner.describe("/a", undefined, input("move", ["x", 1]), env)).toBe("all");
    expect(planner.describe("/a", abi, input("move", ["x", 1]).subarray(0, 7), env)).toBe("all");
  });
});

describe("DAG", () => {
  it("orders writers after readers and writers of a key; readers of a key share a level", () => {
    const list = new KeyList();
    // keys 1, 2, 3: tx0 writes 1; tx1 writes 2; tx2 reads 1; tx3 reads 1; tx4 writes 1 and 2; tx5 writes 3
    const txs: [number, number][][] = [[[1, 0]], [[2, 0]], [[1, 1]], [[1, 1]], [[1, 0], [2, 0]], [[3, 0]]];
    for (const t of txs) {
      for (const [k, ro] of t) {
        list.keys.push(k);
        list.readOnly.push(ro);
      }
      list.start.push(list.keys.length);
    }
    const dag = buildDag(list);
    expect([...dag.level]).toEqual([1, 1, 2, 2, 3, 1]);
    expect(wavesOf(dag)).toEqual([[0, 1, 5], [2, 3], [4]]);
    expect([dag.depth, dag.widest]).toEqual([3, 3]);
    // what each transaction waits for, and whom it releases
    expect([...dag.waiting]).toEqual([0, 0, 1, 1, 3, 0]);
    const succ = (u: number) => [...dag.succ.subarray(dag.succStart[u]!, dag.succStart[u + 1]!)];
    expect([0, 1, 2, 3, 4, 5].map(succ)).toEqual([[2, 3], [4], [4], [4], [], []]);
  });
});
