// The Weft IR: what compiler/lower produces and compiler/wasm consumes.
//
// A small, explicit, typed tree IR. Everything the source leaves implicit is
// spelled out here: whether arithmetic is checked, where bounds and range
// checks happen, how storage keys are built, where memory aggregates are
// copied (value semantics), how call data and return data are (de)coded.
// The code generator only has to choose machine instructions or runtime
// calls for each node; it never needs to look at the typed AST.
//
// Values and their machine representation (the support library's, see
// compiler/wasm/support/README.md):
//   bool, enum, int ≤ 32 bits      i32 (normalized: unsigned zero-extended,
//                                  signed sign-extended)
//   int 33–64 bits                 i64 (normalized the same way)
//   int 65–256 bits                i32 → 32 immutable bytes, 4 LE u64 limbs
//                                  (signed values sign-extended to 256 bits)
//   string, bytes, address         i32 → [u32 len][bytes]   (immutable)
//   bytesN                         i32 → 32 bytes, left-aligned, zero padded
//   struct, tuple, T[N]            i32 → a block of slots (see layout.ts)
//   T[] (memory)                   i32 → header {u32 len, u32 data}
//   SCALE writer / reader          i32 handles owned by the support library
//
// Memory aggregates are mutable in place; the lowering inserts deep copies
// (calls of generated `copy` helpers) wherever Weft's value semantics would
// otherwise be broken by aliasing. Strings, bytes and big integers are
// immutable, so they are shared freely.
//
// Control flow is structured: `loop` carries a label; `break` leaves the
// loop, `continue` jumps to the loop's `next` statements (the step of a
// `for`), then back to the top. Conditions are tested by explicit
// `if (!c) break` statements in the body.
//
// Failure is explicit: `panic` (Panic(uint32), docs/abi.md), `revert` (raw
// revert data) and `revertString` (Error(string)); none of them returns.

// ---------------------------------------------------------------- types

export interface IntTy {
  k: "int";
  bits: number;
  signed: boolean;
}

/** Types whose values the runtime can SCALE-encode, compare and store directly. */
export type ScalarTy =
  | { k: "bool" }
  | IntTy
  /** An enum: one byte on the wire, values 0 ≤ v < count. */
  | { k: "enum"; name: string; count: number }
  /** string, bytes and address share one representation and encoding. */
  | { k: "bytes"; of: "bytes" | "string" | "address" }
  /** bytesN. */
  | { k: "fixed"; size: number };

export type AggTy =
  | { k: "struct"; name: string; fields: { name: string; type: IrType }[] }
  | { k: "tuple"; elems: IrType[] }
  /** `size` null: dynamic array. */
  | { k: "array"; elem: IrType; size: number | null };

export type IrType = ScalarTy | AggTy;

/** The machine value type of a Weft value. */
export type Repr = "i32" | "i64";

export function reprOf(t: IrType): Repr {
  return t.k === "int" && t.bits > 32 && t.bits <= 64 ? "i64" : "i32";
}

export function isScalar(t: IrType): t is ScalarTy {
  return t.k !== "struct" && t.k !== "tuple" && t.k !== "array";
}

/** Integers wider than 64 bits live behind a pointer. */
export function isBigInt(t: IrType): t is IntTy {
  return t.k === "int" && t.bits > 64;
}

/** A stable, readable name of a type, used in helper function names. */
export function tyName(t: IrType): string {
  switch (t.k) {
    case "bool":
      return "bool";
    case "int":
      return `${t.signed ? "i" : "u"}${t.bits}`;
    case "enum":
      return t.name;
    case "bytes":
      return t.of;
    case "fixed":
      return `bytes${t.size}`;
    case "struct":
      return t.name;
    case "tuple":
      return `(${t.elems.map(tyName).join(",")})`;
    case "array":
      return `${tyName(t.elem)}[${t.size ?? ""}]`;
  }
}

export const U32: IntTy = { k: "int", bits: 32, signed: false };
export const U8: IntTy = { k: "int", bits: 8, signed: false };
export const BOOL: ScalarTy = { k: "bool" };
export const BYTES: ScalarTy = { k: "bytes", of: "bytes" };

// ---------------------------------------------------------------- module

export interface IrModule {
  /** Every function: user functions, generated helpers and entry points. */
  functions: IrFunction[];
  /** Crypto the module was lowered for (selectors and topics are constants). */
  crypto: "keccak" | "sm";
}

export interface IrLocal {
  /** Index in the function: parameters first, then other locals. */
  index: number;
  /** Source name, or `hint.N` for a compiler temporary (`key.5`, `w.4`). */
  name: string;
  type: IrType;
}

export interface IrFunction {
  /**
   * Unique and deterministic: `Contract.fn` for source functions
   * (`Token.transfer`, `Token.init`), `deploy` / `main` / `hash_type`, and
   * `kind<Type>` for generated helpers (`enc<(u256,string)>`, `sread<Order>`).
   */
  name: string;
  params: IrLocal[];
  /** Non-parameter locals. */
  locals: IrLocal[];
  /** null: returns nothing. */
  result: IrType | null;
  body: Stmt[];
  /** Set for the module exports `deploy`, `main`, `hash_type`. */
  exportAs?: string;
}

// ---------------------------------------------------------------- statements

export type Stmt =
  /** Evaluate and discard. */
  | { k: "expr"; e: Expr }
  | { k: "set"; local: number; value: Expr }
  /** Store a value of machine width `width` (i32, i64, or one byte) at `ptr + offset`. */
  | { k: "store"; width: MemWidth; ptr: Expr; offset: number; value: Expr }
  | { k: "if"; cond: Expr; then: Stmt[]; else: Stmt[] }
  /** `next` runs after the body and after `continue`, then the loop repeats. */
  | { k: "loop"; label: number; body: Stmt[]; next: Stmt[] }
  | { k: "break"; label: number }
  | { k: "continue"; label: number }
  | { k: "return"; value: Expr | null }
  // storage (keys are bytes values, docs/abi.md "Storage keys")
  /** setStorage(key, SCALE(value)). */
  | { k: "sstore"; ty: ScalarTy; key: Expr; value: Expr }
  /** setStorage(key, empty): deletes. */
  | { k: "sdelete"; key: Expr }
  // SCALE writer
  /** Append SCALE(value) to the writer. */
  | { k: "put"; ty: ScalarTy; w: Expr; value: Expr }
  /** Append a compact length. */
  | { k: "putLen"; w: Expr; len: Expr }
  /** Append raw constant bytes. */
  | { k: "putRaw"; w: Expr; bytes: Uint8Array }
  /** Append the raw content of a bytes value (no length prefix). */
  | { k: "putBytesRaw"; w: Expr; value: Expr }
  // host effects
  /** The event: data bytes and 0–4 topics (each a pointer to 32 bytes). */
  | { k: "log"; data: Expr; topics: Expr[] }
  /** Sets the call's output (bytes). */
  | { k: "finish"; data: Expr }
  | { k: "setCrypto"; sm: boolean }
  // failure: none of these returns
  | { k: "panic"; code: number }
  /** Revert with raw data (bytes). */
  | { k: "revert"; data: Expr }
  /** Revert with Error(string). */
  | { k: "revertString"; message: Expr }
  /** Copy `len` bytes; regions do not overlap. */
  | { k: "memcopy"; dst: Expr; src: Expr; len: Expr };

export type MemWidth = "i32" | "i64" | "u8";

// ---------------------------------------------------------------- expressions

export type IntBinOp = "add" | "sub" | "mul" | "div" | "mod" | "pow" | "and" | "or" | "xor";
export type CmpOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";
export type HashAlgo = "keccak256" | "sm3" | "sha256";
export type EnvName = "msg.sender" | "tx.origin" | "block.number" | "block.timestamp" | "self.address";

export type Expr =
  /** No value: the expression of a unit-typed call or statement sequence. */
  | { k: "void" }
  // ---- constants and locals
  /** An integer, bool or enum constant (of any width, big integers included). */
  | { k: "const"; ty: ScalarTy; value: bigint }
  /** A constant bytes/string value (`[len][bytes]`, in a data segment). */
  | { k: "constBytes"; value: Uint8Array }
  /** A constant bytesN value or 32-byte word (topic) in a data segment. */
  | { k: "constWord"; value: Uint8Array }
  | { k: "local"; local: number }
  // ---- integers (operands and result have type `ty`)
  /**
   * `checked`: overflow → Panic(0x11). div/mod by zero → Panic(0x12) always.
   * Unchecked add/sub/mul/pow wrap to the width (and MIN / -1 gives MIN).
   * For `pow`, `b` is the exponent as an unsigned integer of the same width.
   */
  | { k: "bin"; op: IntBinOp; ty: IntTy; checked: boolean; a: Expr; b: Expr }
  /**
   * Shifts: `amountTy` is the type of the amount. A negative amount →
   * Panic(0x22); amounts ≥ the width give 0 (or all sign bits for `shr` of
   * a negative signed value). `shl` wraps (never overflows).
   */
  | { k: "shift"; op: "shl" | "shr"; ty: IntTy; amountTy: IntTy; a: Expr; amount: Expr }
  /** `checked`: −MIN overflows; unsigned −x overflows unless x = 0. */
  | { k: "neg"; ty: IntTy; checked: boolean; a: Expr }
  /** Bitwise not within the width. */
  | { k: "bitnot"; ty: IntTy; a: Expr }
  /** Comparison of two scalars of type `ty`: any op on ints; eq/ne on bool, enum, bytes-like and bytesN. */
  | { k: "cmp"; op: CmpOp; ty: ScalarTy; a: Expr; b: Expr }
  /**
   * Integer conversion. "checked": Panic(0x11) unless the value fits `to`;
   * "wrap": keep the low bits (truncate<T>, and widening, which never fails).
   */
  | { k: "cast"; from: IntTy; to: IntTy; mode: "checked" | "wrap"; a: Expr }
  /**
   * Integer → bytesN: the value's two's complement in `size` bytes, big
   * endian, left-aligned in the 32-byte word (size 32 of a signed value is
   * its sign-extension: the form of an indexed event topic).
   * bytesN → integer: the `size` bytes read big endian, then a checked
   * conversion to `to`.
   */
  | { k: "intToFixed"; from: IntTy; size: number; a: Expr }
  | { k: "fixedToInt"; size: number; to: IntTy; a: Expr }
  // ---- booleans
  | { k: "not"; a: Expr }
  /** Conditional value: `a && b` is `cond(a, b, false)`. */
  | { k: "cond"; ty: IrType; c: Expr; a: Expr; b: Expr }
  // ---- sequencing
  /** Run statements, then yield a value. */
  | { k: "seq"; stmts: Stmt[]; value: Expr }
  // ---- memory
  /** `size` zeroed bytes, 8-byte aligned. */
  | { k: "alloc"; size: Expr }
  | { k: "load"; width: MemWidth; ptr: Expr; offset: number }
  // ---- bytes, string, address, bytesN
  | { k: "bytesLen"; a: Expr }
  /** The byte at index `i` as a u8; Panic(0x32) when out of range. */
  | { k: "byteAt"; a: Expr; i: Expr }
  | { k: "concat"; a: Expr; b: Expr }
  /** a[start..end]; Panic(0x32) unless start ≤ end ≤ len. */
  | { k: "slice"; a: Expr; start: Expr; end: Expr }
  /** The first `size` bytes of a bytesN as a bytes value. */
  | { k: "fixedToBytes"; size: number; a: Expr }
  /** A bytes value of exactly `size` bytes as a bytesN; Panic(0x32) when the length differs. */
  | { k: "bytesToFixed"; size: number; a: Expr }
  /** Hash of a bytes value → pointer to 32 bytes (a bytes32). */
  | { k: "hash"; algo: HashAlgo; a: Expr }
  // ---- storage
  /** getStorage(key) decoded as `ty`; a missing key reads as the zero value. */
  | { k: "sload"; ty: ScalarTy; key: Expr }
  /** 1 if the key exists. */
  | { k: "sexists"; key: Expr }
  // ---- SCALE writer / reader
  /** A new writer (the hint is the expected size; it grows as needed). */
  | { k: "writer"; hint: number }
  /** The bytes written so far, as a bytes value. */
  | { k: "written"; w: Expr }
  /** A reader over a bytes value, after its first `skip` bytes (which must exist). */
  | { k: "reader"; data: Expr; skip: number }
  /** Decode one scalar; Panic(0x31) on malformed input. */
  | { k: "get"; ty: ScalarTy; r: Expr }
  /**
   * Decode a compact length; Panic(0x31) on malformed input. `bounded`:
   * each element takes at least one byte, so a length above the bytes left
   * is malformed too (and no huge allocation is attempted).
   */
  | { k: "getLen"; r: Expr; bounded: boolean }
  /** Panic(0x31) unless the reader is at its end (no value). */
  | { k: "readEnd"; r: Expr }
  // ---- calls and environment
  | { k: "call"; fn: string; args: Expr[]; result: IrType | null }
  | { k: "env"; name: EnvName }
  /** Call data of this call as bytes. */
  | { k: "callData" }
  /**
   * bcos.call(addr, data); the callee's output as bytes. A failing callee
   * makes this call fail with the callee's revert data.
   */
  | { k: "extCall"; addr: Expr; data: Expr };

// ---------------------------------------------------------------- helpers for building

export const E = {
  i32: (v: number): Expr => ({ k: "const", ty: U32, value: BigInt(v >>> 0) }),
  bool: (v: boolean): Expr => ({ k: "const", ty: BOOL, value: v ? 1n : 0n }),
  local: (l: IrLocal | number): Expr => ({ k: "local", local: typeof l === "number" ? l : l.index }),
  seq: (stmts: Stmt[], value: Expr): Expr => (stmts.length === 0 ? value : { k: "seq", stmts, value }),
  call: (fn: string, args: Expr[], result: IrType | null): Expr => ({ k: "call", fn, args, result }),
};
