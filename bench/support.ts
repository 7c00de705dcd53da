// Wall-clock cost of the hot support functions, called from JS (so each
// figure includes one JS->Wasm call). Run: npm run bench:support
import { pathToFileURL } from "node:url";
import { decodeSupportWasm } from "../compiler/wasm/support/support.generated.ts";

type Fn = (...args: (number | bigint)[]) => number;
interface Api { exports: Record<string, Fn> & { memory: { buffer: ArrayBuffer } } }
const WA = (globalThis as unknown as {
  WebAssembly: { Instance: new (m: unknown, i: object) => Api; Module: new (b: Uint8Array) => unknown };
}).WebAssembly;

function instance(): Api["exports"] {
  const fail = () => { throw new Error("host call in a benchmark"); };
  const names = ["getCallDataSize", "getCallData", "finish", "revert", "setStorage", "getStorage", "getCaller",
    "getTxOrigin", "getAddress", "getBlockNumber", "getBlockTimestamp", "log", "call", "getReturnDataSize",
    "getReturnData", "getExternalCodeSize"];
  const bcos = Object.fromEntries(names.map((n) => [n, fail]));
  return new WA.Instance(new WA.Module(decodeSupportWasm()), { bcos }).exports;
}

function u256(x: Api["exports"], v: bigint): number {
  const p = x.rt_alloc(32);
  const dv = new DataView(x.memory.buffer);
  for (let i = 0; i < 4; i++) dv.setBigUint64(p + 8 * i, BigInt.asUintN(64, v >> BigInt(64 * i)), true);
  return p;
}

export interface BenchResult { name: string; nsPerOp: number }

/** Best of `rounds` runs of `n` calls; a fresh instance per run bounds the heap. */
export function measure(name: string, n: number, rounds: number, setup: (x: Api["exports"]) => () => void): BenchResult {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const step = setup(instance());
    for (let i = 0; i < 1000; i++) step(); // warm up
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) step();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / n);
  }
  return { name, nsPerOp: best };
}

const A = (1n << 256n) - 0x1234567890abcdefn;
const B128 = (1n << 127n) + 0xfedcba9876543210n;
const B250 = (1n << 250n) + 12345n;

export function runBenchmarks(n = 50_000, rounds = 5): BenchResult[] {
  return [
    measure("u256 mul (checked, 128x128 bits)", n, rounds, (x) => {
      const a = u256(x, B128), b = u256(x, B128 >> 2n);
      return () => x.rt256_mul(a, b, 256, 0);
    }),
    measure("u256 mul_wrap (256x256 bits)", n, rounds, (x) => {
      const a = u256(x, A), b = u256(x, A - 99n);
      return () => x.rt256_mul_wrap(a, b, 256, 0);
    }),
    measure("u256 div (256 / 128 bits)", n, rounds, (x) => {
      const a = u256(x, A), b = u256(x, B128);
      return () => x.rt256_div(a, b, 256, 0);
    }),
    measure("u256 div (256 / 250 bits)", n, rounds, (x) => {
      const a = u256(x, A), b = u256(x, B250);
      return () => x.rt256_div(a, b, 256, 0);
    }),
    measure("u256 div (256 / 64 bits)", n, rounds, (x) => {
      const a = u256(x, A), b = u256(x, 0xfedcba9876543210n);
      return () => x.rt256_div(a, b, 256, 0);
    }),
    measure("keccak256 (64 bytes)", n, rounds, (x) => {
      const obj = x.rt_bytes_new(64);
      return () => x.rt_keccak256(obj);
    }),
    measure("sm3 (64 bytes)", n, rounds, (x) => {
      const obj = x.rt_bytes_new(64);
      return () => x.rt_sm3(obj);
    }),
    measure("u64 mul (checked)", n, rounds, (x) => () => x.rt64_mul(0xffffffffn, 0xfffffffen, 64, 0)),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of runBenchmarks(200_000)) console.log(`${r.name.padEnd(36)} ${(r.nsPerOp / 1000).toFixed(3)} µs`);
}
