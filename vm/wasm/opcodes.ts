/**
 * The Wasm MVP integer instruction subset that FISCO BCOS accepts, with each
 * instruction's immediate kind and FISCO's static gas cost
 * (bcos-executor/src/vm/gas_meter/Metric.cpp). Anything not listed here
 * (floats, sign-extension, bulk memory, SIMD, references, …) is rejected.
 */
export enum Imm {
  None,
  BlockType,
  Label,
  BrTable,
  Func,
  CallIndirect,
  Local,
  Global,
  MemArg,
  MemIdx,
  I32,
  I64,
}

export interface OpInfo {
  readonly name: string;
  readonly imm: Imm;
  readonly cost: number;
}

export const OP = {
  unreachable: 0x00,
  nop: 0x01,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  br_table: 0x0e,
  return: 0x0f,
  call: 0x10,
  call_indirect: 0x11,
  drop: 0x1a,
  select: 0x1b,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  global_get: 0x23,
  global_set: 0x24,
  i32_store: 0x36,
  i64_store: 0x37,
  i64_store32: 0x3e,
  memory_size: 0x3f,
  memory_grow: 0x40,
  i32_const: 0x41,
  i64_const: 0x42,
  i32_eq: 0x46,
  i32_lt_u: 0x49,
  i32_gt_u: 0x4b,
  i64_le_s: 0x57,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_shl: 0x74,
  i32_shr_u: 0x76,
  i32_eqz: 0x45,
  i32_load: 0x28,
  i32_store8: 0x3a,
  i64_add: 0x7c,
  i64_gt_u: 0x56,
  i64_extend_i32_u: 0xad,
  i64_lt_s: 0x53,
  i64_gt_s: 0x55,
  i64_eqz: 0x50,
  i32_load8_u: 0x2d,
  i64_sub: 0x7d,
} as const;

/** The gas FISCO charges for `else` (counted in the segment before the `if`). */
export const ELSE_COST = 2;

const table: (OpInfo | undefined)[] = new Array(256);
function def(code: number, name: string, imm: Imm, cost: number): void {
  table[code] = { name, imm, cost };
}

def(0x00, "unreachable", Imm.None, 0);
def(0x01, "nop", Imm.None, 0);
def(0x02, "block", Imm.BlockType, 0);
def(0x03, "loop", Imm.BlockType, 0);
def(0x04, "if", Imm.BlockType, 0);
def(0x05, "else", Imm.None, 0);
def(0x0b, "end", Imm.None, 0);
def(0x0c, "br", Imm.Label, 2);
def(0x0d, "br_if", Imm.Label, 3);
def(0x0e, "br_table", Imm.BrTable, 2);
def(0x0f, "return", Imm.None, 2);
def(0x10, "call", Imm.Func, 3);
def(0x11, "call_indirect", Imm.CallIndirect, 2);
def(0x1a, "drop", Imm.None, 3);
def(0x1b, "select", Imm.None, 3);
def(0x20, "local.get", Imm.Local, 3);
def(0x21, "local.set", Imm.Local, 3);
def(0x22, "local.tee", Imm.Local, 3);
def(0x23, "global.get", Imm.Global, 3);
def(0x24, "global.set", Imm.Global, 3);

const loads: [number, string][] = [
  [0x28, "i32.load"], [0x29, "i64.load"], [0x2c, "i32.load8_s"], [0x2d, "i32.load8_u"],
  [0x2e, "i32.load16_s"], [0x2f, "i32.load16_u"], [0x30, "i64.load8_s"], [0x31, "i64.load8_u"],
  [0x32, "i64.load16_s"], [0x33, "i64.load16_u"], [0x34, "i64.load32_s"], [0x35, "i64.load32_u"],
];
for (const [c, n] of loads) def(c, n, Imm.MemArg, 3);

/** Load opcodes and the number of bytes each reads. */
export const LOAD_WIDTH: Readonly<Record<number, number>> = {
  0x28: 4, 0x29: 8, 0x2c: 1, 0x2d: 1, 0x2e: 2, 0x2f: 2, 0x30: 1, 0x31: 1, 0x32: 2, 0x33: 2, 0x34: 4, 0x35: 4,
};
/** Store opcodes and the number of bytes each writes. */
export const STORE_WIDTH: Readonly<Record<number, number>> = {
  0x36: 4, 0x37: 8, 0x3a: 1, 0x3b: 2, 0x3c: 1, 0x3d: 2, 0x3e: 4,
};
/** Whether a store's value operand is an i64. */
export const STORE_I64: Readonly<Record<number, boolean>> = {
  0x36: false, 0x37: true, 0x3a: false, 0x3b: false, 0x3c: true, 0x3d: true, 0x3e: true,
};
const stores: [number, string][] = [
  [0x36, "i32.store"], [0x37, "i64.store"], [0x3a, "i32.store8"], [0x3b, "i32.store16"],
  [0x3c, "i64.store8"], [0x3d, "i64.store16"], [0x3e, "i64.store32"],
];
for (const [c, n] of stores) def(c, n, Imm.MemArg, 3);

def(0x3f, "memory.size", Imm.MemIdx, 3);
// FISCO lists 5*64 KiB for memory.grow, but its injector never charges it.
def(0x40, "memory.grow", Imm.MemIdx, 0);
def(0x41, "i32.const", Imm.I32, 0);
def(0x42, "i64.const", Imm.I64, 0);

const i32cmp = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
def(0x45, "i32.eqz", Imm.None, 1);
i32cmp.forEach((n, i) => def(0x46 + i, `i32.${n}`, Imm.None, 1));
def(0x50, "i64.eqz", Imm.None, 1);
i32cmp.forEach((n, i) => def(0x51 + i, `i64.${n}`, Imm.None, 1));

const arith: [string, number][] = [
  ["clz", 3], ["ctz", 6], ["popcnt", 3], ["add", 1], ["sub", 1], ["mul", 3],
  ["div_s", 80], ["div_u", 80], ["rem_s", 80], ["rem_u", 80], ["and", 1], ["or", 1],
  ["xor", 1], ["shl", 2], ["shr_s", 2], ["shr_u", 2], ["rotl", 2], ["rotr", 2],
];
arith.forEach(([n, cost], i) => def(0x67 + i, `i32.${n}`, Imm.None, cost));
arith.forEach(([n, cost], i) => def(0x79 + i, `i64.${n}`, Imm.None, cost));

def(0xa7, "i32.wrap_i64", Imm.None, 3);
def(0xac, "i64.extend_i32_s", Imm.None, 3);
def(0xad, "i64.extend_i32_u", Imm.None, 3);

export function opInfo(code: number): OpInfo | undefined {
  return table[code];
}

/** A readable name for a rejected opcode, for error messages. */
export function rejectedOpName(code: number, next?: number): string {
  if (code === 0x43 || code === 0x44) return code === 0x43 ? "f32.const" : "f64.const";
  if (code === 0x2a || code === 0x2b || code === 0x38 || code === 0x39) return "a float load/store";
  if ((code >= 0x5b && code <= 0x66) || (code >= 0x8b && code <= 0xbf)) return "a float instruction";
  if (code >= 0xc0 && code <= 0xc4) return "a sign-extension instruction";
  if (code === 0xfc) return next !== undefined && next <= 7 ? "a saturating float conversion" : "a bulk-memory instruction";
  if (code === 0xfd) return "a SIMD instruction";
  if (code === 0xfe) return "a threads (atomic) instruction";
  if (code >= 0xd0 && code <= 0xd2) return "a reference-types instruction";
  if (code === 0x12 || code === 0x13) return "a tail call";
  if (code >= 0x06 && code <= 0x09) return "an exception-handling instruction";
  if (code === 0x1c) return "a typed select";
  if (code === 0x25 || code === 0x26) return "a table instruction";
  return `unknown opcode 0x${code.toString(16).padStart(2, "0")}`;
}
