// Walks a function body instruction by instruction to find what the linker
// must renumber: the function index of every `call`. Only the MVP
// instruction set is known; anything else (which neither binaryen with MVP
// features nor the support build produces) is an error, never skipped.
import { Reader } from "./read.ts";

/** A `call` instruction's function index: its value and its LEB128 bytes [start, end) in the body. */
export interface CallSite {
  start: number;
  end: number;
  target: number;
}

/** The immediates of MVP opcodes, by opcode (absent: no immediate). */
const enum Imm {
  BlockType = 1,
  U32,
  BrTable,
  Call,
  CallIndirect,
  MemArg,
  Byte,
  S32,
  S64,
  F32,
  F64,
}

const imm = new Uint8Array(256);
const known = new Uint8Array(256);
function set(from: number, to: number, kind: number): void {
  for (let op = from; op <= to; op++) {
    imm[op] = kind;
    known[op] = 1;
  }
}
set(0x00, 0x01, 0); // unreachable, nop
set(0x02, 0x04, Imm.BlockType); // block, loop, if
set(0x05, 0x05, 0); // else
set(0x0b, 0x0b, 0); // end
set(0x0c, 0x0d, Imm.U32); // br, br_if
set(0x0e, 0x0e, Imm.BrTable);
set(0x0f, 0x0f, 0); // return
set(0x10, 0x10, Imm.Call);
set(0x11, 0x11, Imm.CallIndirect);
set(0x1a, 0x1b, 0); // drop, select
set(0x20, 0x24, Imm.U32); // local.get/set/tee, global.get/set
set(0x28, 0x3e, Imm.MemArg); // loads and stores
set(0x3f, 0x40, Imm.Byte); // memory.size, memory.grow
set(0x41, 0x41, Imm.S32);
set(0x42, 0x42, Imm.S64);
set(0x43, 0x43, Imm.F32);
set(0x44, 0x44, Imm.F64);
set(0x45, 0xbf, 0); // numeric instructions

/** The call sites of one body (local declarations first, as in the code section). */
export function callSites(body: Uint8Array): CallSite[] {
  const r = new Reader(body);
  for (let groups = r.u32(); groups > 0; groups--) {
    r.u32();
    r.byte();
  }
  const sites: CallSite[] = [];
  while (!r.done) {
    const op = r.byte();
    if (!known[op]) throw new Error(`opcode 0x${op.toString(16)} at byte ${r.pos - 1} is not Wasm MVP`);
    switch (imm[op]) {
      case Imm.BlockType: {
        const t = r.byte();
        if (t !== 0x40 && (t < 0x7c || t > 0x7f)) throw new Error(`block type 0x${t.toString(16)} is not Wasm MVP`);
        break;
      }
      case Imm.U32:
        r.u32();
        break;
      case Imm.BrTable:
        for (let n = r.u32() + 1; n > 0; n--) r.u32();
        break;
      case Imm.Call: {
        const start = r.pos;
        const target = r.u32();
        sites.push({ start, end: r.pos, target });
        break;
      }
      case Imm.CallIndirect:
        throw new Error("call_indirect is not supported by the linker (no tables)");
      case Imm.MemArg:
        r.u32();
        r.u32();
        break;
      case Imm.Byte:
        r.byte();
        break;
      case Imm.S32:
        r.sleb(32);
        break;
      case Imm.S64:
        r.sleb(64);
        break;
      case Imm.F32:
        r.take(4);
        break;
      case Imm.F64:
        r.take(8);
        break;
    }
  }
  return sites;
}
