/**
 * Decode one function body into its local declarations and a flat list of
 * instructions with byte ranges and matched block structure. Only the FISCO
 * instruction subset (opcodes.ts) is accepted.
 */
import { VmError } from "../errors.ts";
import { WasmReader } from "./bytes.ts";
import { Imm, OP, opInfo, rejectedOpName } from "./opcodes.ts";
import { VAL, type BodyRange } from "./module.ts";

export interface LocalDecl { count: number; type: number }

export interface Instr {
  op: number;
  /** byte range of the whole instruction in the module bytes */
  start: number;
  end: number;
  /** the index immediate (call/global/local/label), or a memarg's offset */
  imm: number;
  /** block/loop/if: index of the matching `end`; if: also `elseAt` */
  endAt: number;
  elseAt: number;
}

export interface Body {
  locals: LocalDecl[];
  /** total number of declared locals (not counting parameters) */
  localCount: number;
  /** where the instructions start, after the local declarations */
  codeStart: number;
  instrs: Instr[];
}

const MAX_LOCALS = 50_000;

export function decodeBody(bytes: Uint8Array, range: BodyRange, funcIndex: number): Body {
  const r = new WasmReader(bytes, range.start, range.end);
  const where = () => `function ${funcIndex}, byte ${r.pos}`;
  const locals: LocalDecl[] = [];
  let localCount = 0;
  const groups = r.u32();
  for (let i = 0; i < groups; i++) {
    const count = r.u32();
    const type = r.byte();
    if (type !== VAL.i32 && type !== VAL.i64) {
      throw new VmError("WASM_UNSUPPORTED", `local of type 0x${type.toString(16)} (only i32 and i64) in ${where()}`);
    }
    localCount += count;
    if (localCount > MAX_LOCALS) throw new VmError("WASM_UNSUPPORTED", `too many locals in ${where()}`);
    locals.push({ count, type });
  }
  const codeStart = r.pos;
  const instrs: Instr[] = [];
  const open: number[] = []; // indices of open block/loop/if
  while (!r.done) {
    const start = r.pos;
    const op = r.byte();
    const info = opInfo(op);
    if (!info) {
      const next = start + 1 < range.end ? bytes[start + 1] : undefined;
      throw new VmError("WASM_UNSUPPORTED", `${rejectedOpName(op, next)} (not allowed on FISCO BCOS) in function ${funcIndex}, byte ${start}`);
    }
    let imm = 0;
    switch (info.imm) {
      case Imm.None:
        break;
      case Imm.BlockType: {
        const bt = r.byte();
        if (bt !== 0x40 && bt !== VAL.i32 && bt !== VAL.i64) {
          throw new VmError("WASM_UNSUPPORTED", `block type 0x${bt.toString(16)} (only empty, i32, i64) in ${where()}`);
        }
        break;
      }
      case Imm.Label:
      case Imm.Func:
      case Imm.Local:
      case Imm.Global:
        imm = r.u32();
        break;
      case Imm.BrTable: {
        const n = r.u32();
        if (n > range.end - r.pos) r.fail("br_table length");
        for (let i = 0; i <= n; i++) r.u32();
        break;
      }
      case Imm.CallIndirect:
        imm = r.u32();
        if (r.byte() !== 0) r.fail("call_indirect table index (only table 0)");
        break;
      case Imm.MemArg:
        r.u32(); // alignment
        imm = r.u32(); // offset
        break;
      case Imm.MemIdx:
        if (r.byte() !== 0) r.fail("memory index (only memory 0)");
        break;
      case Imm.I32:
        r.sleb(32);
        break;
      case Imm.I64:
        r.sleb(64);
        break;
    }
    const index = instrs.length;
    instrs.push({ op, start, end: r.pos, imm, endAt: -1, elseAt: -1 });
    if (op === OP.block || op === OP.loop || op === OP.if) {
      open.push(index);
    } else if (op === OP.else) {
      const top = open[open.length - 1];
      if (top === undefined || instrs[top]!.op !== OP.if || instrs[top]!.elseAt !== -1) {
        r.fail(`\`else\` without a matching \`if\` (function ${funcIndex})`, start);
      }
      instrs[top]!.elseAt = index;
    } else if (op === OP.end) {
      const top = open.pop();
      if (top === undefined) {
        if (r.pos !== range.end) r.fail(`code after the function's final \`end\` (function ${funcIndex})`);
        return { locals, localCount, codeStart, instrs };
      }
      instrs[top]!.endAt = index;
    }
  }
  return r.fail(`function ${funcIndex} is not terminated by \`end\``);
}
