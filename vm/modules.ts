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

export function refreshViews(slot: Slot): void {
  if (slot.view.byteLength !== 0) return;
  slot.view = new Uint8Array(slot.memory.buffer);
  slot.words = new Uint32Array(slot.memory.buffer);
  slot.data = new DataView(slot.memory.buffer);
}

export class InstancePool {
  private free = new WeakMap<LoadedCode, Slot[]>();
  instantiations = 0;

  constructor(private readonly imports: WasmImports) {}

  acquire(code: LoadedCode): Slot {
    const slot = this.free.get(code)?.pop();
    return slot ?? this.instantiate(code);
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
    if (slot.view.length > MAX_KEPT_BYTES) return;
    restoreDirty(slot.view, slot.words, plan.layout, code.images!);
    slot.sandbox.reset();
    let list = this.free.get(code);
    if (!list) this.free.set(code, (list = []));
    if (list.length < MAX_FREE_PER_CODE) list.push(slot);
  }
}
