/**
 * Compiled contract code, cached by code hash, and pools of sandboxed
 * instances that are reset between frames (see sandbox/plan.ts).
 */
import { PAGE } from "./sandbox/layout.ts";
import { planSandbox, type SandboxExports, type SandboxPlan } from "./sandbox/plan.ts";
import { ChunkImages, restoreDirty } from "./sandbox/restore.ts";
import { engine, type WasmImports, type WasmMemory, type WasmModuleHandle } from "./wasm/engine.ts";

export interface LoadedCode {
  hash: string;
  module: WasmModuleHandle;
  plan: SandboxPlan;
  /** what resets restore: contract memory over [plan.dataLo, plan.dataHi) right after instantiation, zeros elsewhere */
  images?: ChunkImages;
}

/** Least-recently-used cache of compiled code, keyed by code hash. May be shared by several VMs. */
export class CodeCache {
  private map = new Map<string, LoadedCode>();
  private last: LoadedCode | undefined;
  constructor(readonly capacity = 256) {}

  get(hash: string): LoadedCode | undefined {
    if (this.last?.hash === hash) return this.last;
    const hit = (this.last = this.map.get(hash));
    if (hit && this.map.size > 1) {
      this.map.delete(hash);
      this.map.set(hash, hit);
    }
    return hit;
  }

  /** Sandbox and compile stored (metered) code; throws if it cannot. */
  load(hash: string, metered: Uint8Array): LoadedCode {
    const hit = this.get(hash);
    if (hit) return hit;
    const plan = planSandbox(metered);
    const loaded: LoadedCode = { hash, module: new engine.Module(plan.bytes), plan };
    this.map.set(hash, loaded);
    if (this.map.size > this.capacity) {
      this.map.delete(this.map.keys().next().value!);
      this.last = undefined;
    }
    return loaded;
  }

  get size(): number {
    return this.map.size;
  }
}

export interface Slot {
  code: LoadedCode;
  /** contract address 0 is real address `base` */
  base: number;
  memory: WasmMemory;
  /** the real memory (refreshed after a grow detaches it), as bytes, words and a DataView (for storage keys) */
  view: Uint8Array;
  words: Uint32Array;
  data: DataView;
  /** the real memory's size in bytes, as of the last refresh (typed arrays' byteLength is a slow getter) */
  realBytes: number;
  /** gas, memory size and reset (this instance's own gas counter is its gas) */
  sandbox: SandboxExports;
  /** the contract's memory size at the start of every frame */
  initialBytes: number;
  main: () => void;
  deploy: () => void;
  hashType: () => number;
}

/** Free instances kept per code. */
const MAX_FREE_PER_CODE = 8;
/** An instance whose real memory grew past this is dropped rather than kept. */
const MAX_KEPT_BYTES = 256 * PAGE;

/**
 * Views over the real memory again if a grow has detached the old buffer.
 * A detached array has length 0, so its element 0 reads undefined: a plain
 * element load, where `byteLength` would be a getter call on every host call.
 */
export function refreshViews(slot: Slot): void {
  if (slot.words[0] !== undefined) return;
  const buffer = slot.memory.buffer;
  slot.view = new Uint8Array(buffer);
  slot.words = new Uint32Array(buffer);
  slot.data = new DataView(buffer);
  slot.realBytes = buffer.byteLength;
}

export class InstancePool {
  private free = new WeakMap<LoadedCode, Slot[]>();
  /** the free list of the code used last (most calls go to one contract): no WeakMap lookup */
  private lastCode: LoadedCode | undefined;
  private lastFree: Slot[] = [];
  instantiations = 0;

  constructor(private readonly imports: WasmImports) {}

  private freeList(code: LoadedCode): Slot[] {
    if (code === this.lastCode) return this.lastFree;
    let list = this.free.get(code);
    if (!list) this.free.set(code, (list = []));
    this.lastCode = code;
    return (this.lastFree = list);
  }

  acquire(code: LoadedCode): Slot {
    return this.freeList(code).pop() ?? this.instantiate(code);
  }

  private instantiate(code: LoadedCode): Slot {
    const ex = new engine.Instance(code.module, this.imports).exports;
    this.instantiations++;
    const plan = code.plan;
    const memory = ex.memory as WasmMemory;
    const view = new Uint8Array(memory.buffer);
    const base = plan.layout.base;
    if (code.images === undefined) code.images = new ChunkImages(view.slice(base + plan.dataLo, base + plan.dataHi), plan.dataLo);
    const names = plan.names;
    const sandbox: SandboxExports = {
      charge: ex[names.charge] as SandboxExports["charge"],
      gasSign: ex[names.gasSign] as SandboxExports["gasSign"],
      setGas: ex[names.setGas] as SandboxExports["setGas"],
      getGas: ex[names.getGas] as SandboxExports["getGas"],
      memoryBytes: ex[names.memoryBytes] as SandboxExports["memoryBytes"],
      reset: ex[names.reset] as SandboxExports["reset"],
    };
    return {
      code,
      base,
      memory,
      view,
      words: new Uint32Array(memory.buffer),
      data: new DataView(memory.buffer),
      realBytes: memory.buffer.byteLength,
      sandbox,
      initialBytes: plan.initialPages * PAGE,
      main: ex.main as () => void,
      deploy: ex.deploy as () => void,
      hashType: ex.hash_type as () => number,
    };
  }

  /** Reset the instance to its initial state and keep it for another frame. */
  release(slot: Slot): void {
    const code = slot.code;
    const plan = code.plan;
    refreshViews(slot);
    if (slot.realBytes > MAX_KEPT_BYTES) return;
    restoreDirty(slot.view, slot.words, slot.realBytes, plan.layout, code.images!);
    slot.sandbox.reset();
    const list = this.freeList(code);
    if (list.length < MAX_FREE_PER_CODE) list.push(slot);
  }
}
