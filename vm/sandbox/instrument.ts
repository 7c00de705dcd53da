/**
 * Per-function rewrite for instance reuse and speed (see plan.ts):
 *  - a metering snippet keeps its `gas <= 0` check only when its segment
 *    ends in a branch (the only way to loop); elsewhere the VM applies the
 *    same test exactly when the frame ends, traps or calls out (gas only
 *    goes down, so the first check FISCO would fail is still failed);
 *  - memory.size reads the virtual page count; memory.grow calls the
 *    virtual grow helper;
 *  - every load and store is bounds-checked against the virtual size, so an
 *    access past it traps exactly as in a fresh instance, and then goes to
 *    the relocated address (memarg offset + base);
 *  - every store flags its 1 KiB chunk as dirty (the first time, through the
 *    mark helper, which also lists it).
 */
import { WasmReader, WasmWriter } from "../wasm/bytes.ts";
import type { Body } from "../wasm/body.ts";
import { VAL } from "../wasm/module.ts";
import { LOAD_WIDTH, OP, STORE_I64, STORE_WIDTH } from "../wasm/opcodes.ts";
import { CHUNK_SHIFT } from "./layout.ts";

/** Indices and constants the rewritten code refers to. */
export interface SandboxRefs {
  vpages: number;
  vbytes: number;
  growFunc: number;
  markFunc: number;
  base: number;
  /** the contract's initial memory size in bytes */
  initialBytes: number;
}

const SMALL_REACH = 1 << 20; // below the 16-page minimum, so vbytes - reach cannot wrap
const MAX_U32 = 0xffffffff;

export function sandboxBody(src: Uint8Array, body: Body, bodyStart: number, firstFree: number, g: SandboxRefs): Uint8Array {
  const addr = firstFree;
  const chunk = firstFree + 1;
  const v32 = firstFree + 2;
  const v64 = firstFree + 3;
  const w = new WasmWriter(body.instrs.length * 12 + 64);
  w.u32(body.locals.length + 2);
  for (const l of body.locals) w.u32(l.count).byte(l.type);
  w.u32(3).byte(VAL.i32).u32(1).byte(VAL.i64);

  // [addr] -> [addr]; traps unless addr + reach <= the virtual size
  const check = (reach: number) => {
    w.byte(OP.local_tee).u32(addr);
    if (reach < SMALL_REACH) {
      w.byte(OP.global_get).u32(g.vbytes).byte(OP.i32_const).sleb(BigInt(reach)).byte(OP.i32_sub).byte(OP.i32_gt_u);
    } else {
      w.byte(OP.i64_extend_i32_u).byte(OP.i64_const).sleb(BigInt(reach)).byte(OP.i64_add);
      w.byte(OP.global_get).u32(g.vbytes).byte(OP.i64_extend_i32_u).byte(OP.i64_gt_u);
    }
    // out of bounds: read address 2^32-1, which no real memory reaches, for the engine's own trap
    w.byte(OP.if).byte(0x40).byte(OP.i32_const).sleb(-1n).byte(OP.i32_load8_u).u32(0).u32(0).byte(OP.drop).byte(OP.end);
    w.byte(OP.local_get).u32(addr);
  };
  const access = (op: number, start: number, end: number) => {
    const r = new WasmReader(src, start + 1, end);
    const align = r.u32();
    const offset = r.u32();
    return { align, offset, emit: () => w.byte(op).u32(align).u32(offset + g.base <= MAX_U32 ? offset + g.base : offset) };
  };

  const instrs = body.instrs;
  for (let k = 0; k < instrs.length; k++) {
    const it = instrs[k]!;
    if (isMeterSnippet(src, instrs, k)) {
      // keep: global.get gas; i64.const c; i64.sub; global.set gas
      for (let j = k; j < k + 4; j++) w.bytes(src.subarray(instrs[j]!.start, instrs[j]!.end));
      if (segmentLoops(instrs, k + SNIPPET_LENGTH)) {
        for (let j = k + 4; j < k + SNIPPET_LENGTH; j++) w.bytes(src.subarray(instrs[j]!.start, instrs[j]!.end));
      }
      k += SNIPPET_LENGTH - 1;
      continue;
    }
    const load = LOAD_WIDTH[it.op];
    const store = STORE_WIDTH[it.op];
    if (load !== undefined) {
      const a = access(it.op, it.start, it.end);
      // a constant address inside the initial memory needs no check: the virtual size never shrinks below it
      const prev = instrs[k - 1];
      const constant = prev?.op === OP.i32_const ? Number(new WasmReader(src, prev.start + 1, prev.end).sleb(32)) >>> 0 : -1;
      if (constant < 0 || constant + a.offset + load > g.initialBytes) check(a.offset + load);
      a.emit();
    } else if (store !== undefined) {
      const a = access(it.op, it.start, it.end);
      const v = STORE_I64[it.op] ? v64 : v32;
      w.byte(OP.local_set).u32(v);
      check(a.offset + store);
      if (a.offset !== 0) w.byte(OP.i32_const).sleb(BigInt(a.offset)).byte(OP.i32_add);
      w.byte(OP.i32_const).sleb(BigInt(CHUNK_SHIFT)).byte(OP.i32_shr_u).byte(OP.local_tee).u32(chunk);
      w.byte(OP.i32_load8_u).u32(0).u32(0).byte(OP.i32_eqz).byte(OP.if).byte(0x40);
      w.byte(OP.local_get).u32(chunk).byte(OP.call).u32(g.markFunc).byte(OP.end);
      w.byte(OP.local_get).u32(addr).byte(OP.local_get).u32(v);
      a.emit();
    } else if (it.op === OP.memory_size) {
      w.byte(OP.global_get).u32(g.vpages);
    } else if (it.op === OP.memory_grow) {
      w.byte(OP.call).u32(g.growFunc);
    } else {
      w.bytes(src.subarray(it.start, it.end));
    }
  }
  return w.finish();
}

/** global.get 0; i64.const c; i64.sub; global.set 0; global.get 0; i64.const 0; i64.le_s; if; call outOfGas; end */
const SNIPPET_LENGTH = 10;
const SNIPPET_OPS = [OP.global_get, OP.i64_const, OP.i64_sub, OP.global_set, OP.global_get, OP.i64_const, OP.i64_le_s, OP.if, OP.call, OP.end];

/** Metering's snippet (metering.ts), recognised by shape: global 0 is the gas counter, never a contract global. */
export function isMeterSnippet(src: Uint8Array, instrs: Body["instrs"], k: number): boolean {
  if (k + SNIPPET_LENGTH > instrs.length) return false;
  for (let j = 0; j < SNIPPET_LENGTH; j++) if (instrs[k + j]!.op !== SNIPPET_OPS[j]) return false;
  const zero = instrs[k + 5]!;
  return instrs[k]!.imm === 0 && instrs[k + 3]!.imm === 0 && instrs[k + 4]!.imm === 0 && zero.end - zero.start === 2 && src[zero.start + 1] === 0;
}

/** Whether the segment starting at `from` ends in a branch (which may close a loop). */
function segmentLoops(instrs: Body["instrs"], from: number): boolean {
  for (let j = from; j < instrs.length; j++) {
    switch (instrs[j]!.op) {
      case OP.br:
      case OP.br_if:
      case OP.br_table:
        return true;
      case OP.block:
      case OP.loop:
      case OP.if:
      case OP.else:
      case OP.end:
      case OP.call:
      case OP.call_indirect:
      case OP.return:
        return false;
    }
  }
  return false;
}
