// Instantiates the generated support module with an in-memory `bcos` host
// and offers BigInt-level helpers for the tests.
import { decodeSupportWasm } from "../../compiler/wasm/support/support.generated.ts";
import { WebAssemblyApi, type WasmMemory, type WasmModule } from "./wasm.ts";

/** Thrown by the host's `revert`, as a real host unwinds the Wasm stack. */
export class Revert extends Error {
  constructor(readonly data: Uint8Array) {
    super(`revert 0x${Buffer.from(data).toString("hex")}`);
  }
}

export interface LogEntry {
  data: Uint8Array;
  topics: Uint8Array[];
}

export interface HostState {
  calldata: Uint8Array;
  output: Uint8Array | null;
  storage: Map<string, Uint8Array>;
  logs: LogEntry[];
  caller: string;
  origin: string;
  self: string;
  blockNumber: bigint;
  blockTimestamp: bigint;
  /** Handles bcos.call: returns [status, return data]. */
  onCall: (addr: string, data: Uint8Array) => [number, Uint8Array];
  codeSizes: Map<string, number>;
  calls: { addr: string; data: Uint8Array }[];
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const text = new TextEncoder();

let compiled: WasmModule | null = null;

export function supportModule(): WasmModule {
  compiled ??= new WebAssemblyApi.Module(decodeSupportWasm());
  return compiled;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Exports = Record<string, any> & { memory: WasmMemory };

export class Support {
  readonly host: HostState = {
    calldata: new Uint8Array() as Uint8Array,
    output: null,
    storage: new Map(),
    logs: [],
    caller: "0x1111111111111111111111111111111111111111",
    origin: "0x2222222222222222222222222222222222222222",
    self: "/apps/test",
    blockNumber: 7n,
    blockTimestamp: 1_700_000_000_000n,
    onCall: () => [0, new Uint8Array()],
    codeSizes: new Map(),
    calls: [],
  };
  readonly x: Exports;
  private returnData: Uint8Array = new Uint8Array();

  /** Instantiates `module` (the support module unless given) with this host. */
  constructor(module: WasmModule = supportModule()) {
    const instance = new WebAssemblyApi.Instance(module, { bcos: this.imports() });
    this.x = instance.exports as Exports;
  }

  get mem(): Uint8Array {
    return new Uint8Array(this.x.memory.buffer);
  }

  private view(off: number, len: number): Uint8Array {
    return this.mem.slice(off, off + len);
  }

  private put(off: number, data: Uint8Array): number {
    this.mem.set(data, off);
    return data.length;
  }

  private imports(): Record<string, (...args: never[]) => unknown> {
    const h = this.host;
    const str = (off: number, len: number) => Buffer.from(this.view(off, len)).toString("utf8");
    return {
      getCallDataSize: () => h.calldata.length,
      getCallData: (off: number) => { this.put(off, h.calldata); },
      finish: (off: number, len: number) => { h.output = this.view(off, len); },
      revert: (off: number, len: number) => { throw new Revert(this.view(off, len)); },
      setStorage: (k: number, kl: number, v: number, vl: number) => {
        const key = hex(this.view(k, kl));
        if (vl === 0) h.storage.delete(key);
        else h.storage.set(key, this.view(v, vl));
      },
      getStorage: (k: number, kl: number, v: number) => {
        const value = h.storage.get(hex(this.view(k, kl)));
        if (!value) return 0;
        if (value.length > 16384) throw new Error("value larger than 16 KiB");
        return this.put(v, value);
      },
      getCaller: (off: number) => this.put(off, text.encode(h.caller)),
      getTxOrigin: (off: number) => this.put(off, text.encode(h.origin)),
      getAddress: (off: number) => this.put(off, text.encode(h.self)),
      getBlockNumber: () => h.blockNumber,
      getBlockTimestamp: () => h.blockTimestamp,
      log: (d: number, dl: number, n: number, t1: number, t2: number, t3: number, t4: number) => {
        const topics = [t1, t2, t3, t4].slice(0, n).map((t) => this.view(t, 32));
        h.logs.push({ data: this.view(d, dl), topics });
      },
      call: (a: number, al: number, d: number, dl: number) => {
        const addr = str(a, al);
        const data = this.view(d, dl);
        h.calls.push({ addr, data });
        const [status, ret] = h.onCall(addr, data);
        this.returnData = ret;
        return status;
      },
      getReturnDataSize: () => this.returnData.length,
      getReturnData: (off: number) => { this.put(off, this.returnData); },
      getExternalCodeSize: (a: number, al: number) => h.codeSizes.get(str(a, al)) ?? 0,
    };
  }

  // --- values in linear memory -------------------------------------------

  /** A 256-bit value (any BigInt, wrapped to 256 bits two's complement). */
  big(v: bigint): number {
    const p: number = this.x.rt_alloc(32);
    const dv = new DataView(this.x.memory.buffer);
    let u = BigInt.asUintN(256, v);
    for (let i = 0; i < 4; i++) {
      dv.setBigUint64(p + 8 * i, u & 0xffffffffffffffffn, true);
      u >>= 64n;
    }
    return p;
  }

  /** The 256-bit value at p, as unsigned. */
  readU256(p: number): bigint {
    const dv = new DataView(this.x.memory.buffer);
    let v = 0n;
    for (let i = 3; i >= 0; i--) v = (v << 64n) | dv.getBigUint64(p + 8 * i, true);
    return v;
  }

  /** The 256-bit value at p, read as signed or unsigned. */
  read256(p: number, signed: boolean): bigint {
    const u = this.readU256(p);
    return signed ? BigInt.asIntN(256, u) : u;
  }

  /** A bytes object holding `data`. */
  bytes(data: Uint8Array | string): number {
    const b = typeof data === "string" ? text.encode(data) : data;
    const p: number = this.x.rt_bytes_new(b.length);
    this.mem.set(b, p + 4);
    return p;
  }

  readBytes(p: number): Uint8Array {
    const len = new DataView(this.x.memory.buffer).getUint32(p, true);
    return this.view(p + 4, len);
  }

  read(p: number, len: number): Uint8Array {
    return this.view(p, len);
  }

  /** Runs f; returns its result, or the revert data if it reverted. */
  attempt<T>(f: () => T): { ok: true; value: T } | { ok: false; data: Uint8Array } {
    try {
      return { ok: true, value: f() };
    } catch (e) {
      if (e instanceof Revert) return { ok: false, data: e.data };
      throw e;
    }
  }
}

/** The Panic code in revert data, or null if it is not Panic(uint32). */
export function panicCode(data: Uint8Array, selector: number): number | null {
  if (data.length !== 8) return null;
  const dv = new DataView(data.buffer, data.byteOffset, 8);
  if (dv.getUint32(0, false) !== selector) return null;
  return dv.getUint32(4, true);
}
