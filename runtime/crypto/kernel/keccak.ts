// The JS side of the keccak-256 kernel (assembly/keccak.ts): one instance
// per thread, created on first use. A message is copied into the kernel's
// exchange area in slices of at most its size (a multiple of the rate), the
// last slice padded and permuted there, and the digest read back.
import { engine } from "../../../vm/wasm/engine.ts";
import { KERNEL_WASM_BASE64 } from "./kernel.generated.ts";

interface KeccakExports {
  memory: { buffer: ArrayBuffer };
  io(): number;
  ioBytes(): number;
  reset(): void;
  absorb(len: number): void;
  finish(len: number): void;
}

let x: KeccakExports | undefined;
let mem: Uint8Array;
let io = 0;
let ioBytes = 0;

function instance(): KeccakExports {
  const inst = new engine.Instance(new engine.Module(new Uint8Array(Buffer.from(KERNEL_WASM_BASE64.keccak, "base64"))), {});
  x = inst.exports as unknown as KeccakExports;
  mem = new Uint8Array(x.memory.buffer); // the module never grows its memory
  io = x.io();
  ioBytes = x.ioBytes();
  return x;
}

/** keccak-256 of `data` (32 bytes). */
export function keccak256Wasm(data: Uint8Array): Uint8Array {
  const k = x ?? instance();
  k.reset();
  let at = 0;
  while (data.length - at > ioBytes) {
    mem.set(data.subarray(at, at + ioBytes), io);
    k.absorb(ioBytes);
    at += ioBytes;
  }
  mem.set(at === 0 ? data : data.subarray(at), io);
  k.finish(data.length - at);
  return mem.slice(io, io + 32);
}
