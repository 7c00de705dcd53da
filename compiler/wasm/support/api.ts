// The support library's exported functions: names and Wasm signatures.
// This table is the contract with the code generator (refer to rt.add256,
// never to the string "rt256_add"); build.ts fails unless the compiled
// module exports exactly these functions with exactly these signatures.

export type ValType = "i32" | "i64";

export interface RtFunction {
  /** Export name in the support module. */
  readonly name: string;
  readonly params: readonly ValType[];
  /** null for no result. */
  readonly result: ValType | null;
}

/** `sig("rt256_add", "i32 i32 i32 i32", "i32")`. */
function sig(name: string, params: string, result: ValType | null = null): RtFunction {
  const list = params === "" ? [] : params.split(" ");
  for (const p of list) {
    if (p !== "i32" && p !== "i64") throw new Error(`bad param type ${p} in ${name}`);
  }
  return { name, params: list as ValType[], result };
}

const BIN64 = "i64 i64 i32 i32"; // (a, b, bits, signed)
const UN64 = "i64 i32 i32"; // (a, bits, signed)
const SH64 = "i64 i64 i32 i32 i32"; // (a, n, bits, signed, nSigned)
const BIN256 = "i32 i32 i32 i32";
const UN256 = "i32 i32 i32";
const SH256 = "i32 i64 i32 i32 i32";

export const rt = {
  alloc: sig("rt_alloc", "i32", "i32"),

  panic: sig("rt_panic", "i32"),
  revert: sig("rt_revert", "i32"),
  revertString: sig("rt_revert_string", "i32"),
  setCrypto: sig("rt_set_crypto", "i32"),
  getCrypto: sig("rt_get_crypto", "", "i32"),

  add64: sig("rt64_add", BIN64, "i64"),
  sub64: sig("rt64_sub", BIN64, "i64"),
  mul64: sig("rt64_mul", BIN64, "i64"),
  div64: sig("rt64_div", BIN64, "i64"),
  mod64: sig("rt64_mod", BIN64, "i64"),
  pow64: sig("rt64_pow", BIN64, "i64"),
  addWrap64: sig("rt64_add_wrap", BIN64, "i64"),
  subWrap64: sig("rt64_sub_wrap", BIN64, "i64"),
  mulWrap64: sig("rt64_mul_wrap", BIN64, "i64"),
  powWrap64: sig("rt64_pow_wrap", BIN64, "i64"),
  neg64: sig("rt64_neg", UN64, "i64"),
  negWrap64: sig("rt64_neg_wrap", UN64, "i64"),
  divWrap64: sig("rt64_div_wrap", BIN64, "i64"),
  not64: sig("rt64_not", UN64, "i64"),
  shl64: sig("rt64_shl", SH64, "i64"),
  shr64: sig("rt64_shr", SH64, "i64"),
  fits64: sig("rt64_fits", UN64, "i32"),
  truncate64: sig("rt64_truncate", UN64, "i64"),
  cast64: sig("rt64_cast", "i64 i32 i32 i32", "i64"),

  add256: sig("rt256_add", BIN256, "i32"),
  sub256: sig("rt256_sub", BIN256, "i32"),
  mul256: sig("rt256_mul", BIN256, "i32"),
  div256: sig("rt256_div", BIN256, "i32"),
  mod256: sig("rt256_mod", BIN256, "i32"),
  pow256: sig("rt256_pow", BIN256, "i32"),
  addWrap256: sig("rt256_add_wrap", BIN256, "i32"),
  subWrap256: sig("rt256_sub_wrap", BIN256, "i32"),
  mulWrap256: sig("rt256_mul_wrap", BIN256, "i32"),
  powWrap256: sig("rt256_pow_wrap", BIN256, "i32"),
  neg256: sig("rt256_neg", UN256, "i32"),
  negWrap256: sig("rt256_neg_wrap", UN256, "i32"),
  divWrap256: sig("rt256_div_wrap", BIN256, "i32"),
  not256: sig("rt256_not", UN256, "i32"),
  shl256: sig("rt256_shl", SH256, "i32"),
  shr256: sig("rt256_shr", SH256, "i32"),
  and256: sig("rt256_and", "i32 i32", "i32"),
  or256: sig("rt256_or", "i32 i32", "i32"),
  xor256: sig("rt256_xor", "i32 i32", "i32"),
  eq256: sig("rt256_eq", "i32 i32", "i32"),
  lt256: sig("rt256_lt", "i32 i32 i32", "i32"),
  le256: sig("rt256_le", "i32 i32 i32", "i32"),
  cmp256: sig("rt256_cmp", "i32 i32 i32", "i32"),
  isZero256: sig("rt256_is_zero", "i32", "i32"),
  fits256: sig("rt256_fits", UN256, "i32"),
  truncate256: sig("rt256_truncate", UN256, "i32"),
  cast256: sig("rt256_cast", "i32 i32 i32 i32", "i32"),
  fromI64: sig("rt256_from_i64", "i64", "i32"),
  fromU64: sig("rt256_from_u64", "i64", "i32"),
  toI64: sig("rt256_to_i64", "i32", "i64"),
  const256: sig("rt256_const", "i64 i64 i64 i64", "i32"),

  keccak256: sig("rt_keccak256", "i32", "i32"),
  sm3: sig("rt_sm3", "i32", "i32"),
  sha256: sig("rt_sha256", "i32", "i32"),
  hash: sig("rt_hash", "i32", "i32"),

  bytesNew: sig("rt_bytes_new", "i32", "i32"),
  bytesFromData: sig("rt_bytes_from_data", "i32 i32", "i32"),
  bytesConcat: sig("rt_bytes_concat", "i32 i32", "i32"),
  bytesEq: sig("rt_bytes_eq", "i32 i32", "i32"),
  bytesCompare: sig("rt_bytes_compare", "i32 i32", "i32"),
  bytesSlice: sig("rt_bytes_slice", "i32 i32 i32", "i32"),
  bytesGet: sig("rt_bytes_get", "i32 i32", "i32"),
  bytesnFromBytes: sig("rt_bytesn_from_bytes", "i32 i32", "i32"),
  bytesFromBytesn: sig("rt_bytes_from_bytesn", "i32 i32", "i32"),
  utf8Valid: sig("rt_utf8_valid", "i32", "i32"),

  bufNew: sig("rt_buf_new", "i32", "i32"),
  bufLen: sig("rt_buf_len", "i32", "i32"),
  bufPutU8: sig("rt_buf_put_u8", "i32 i32"),
  bufPutInt64: sig("rt_buf_put_int64", "i32 i64 i32"),
  bufPutBigLe: sig("rt_buf_put_big_le", "i32 i32 i32"),
  bufPutBigBe32: sig("rt_buf_put_big_be32", "i32 i32"),
  bufPutCompact: sig("rt_buf_put_compact", "i32 i32"),
  bufPutRaw: sig("rt_buf_put_raw", "i32 i32 i32"),
  bufPutBytes: sig("rt_buf_put_bytes", "i32 i32"),
  bufPutBytesn: sig("rt_buf_put_bytesn", "i32 i32 i32"),
  bufToBytes: sig("rt_buf_to_bytes", "i32", "i32"),

  rdNew: sig("rt_rd_new", "i32", "i32"),
  rdRemaining: sig("rt_rd_remaining", "i32", "i32"),
  rdSkip: sig("rt_rd_skip", "i32 i32"),
  rdU8: sig("rt_rd_u8", "i32", "i32"),
  rdBool: sig("rt_rd_bool", "i32", "i32"),
  rdEnum: sig("rt_rd_enum", "i32 i32", "i32"),
  rdInt64: sig("rt_rd_int64", "i32 i32 i32", "i64"),
  rdBigLe: sig("rt_rd_big_le", "i32 i32 i32", "i32"),
  rdBigBe32: sig("rt_rd_big_be32", "i32", "i32"),
  rdCompact: sig("rt_rd_compact", "i32", "i32"),
  rdBytes: sig("rt_rd_bytes", "i32", "i32"),
  rdString: sig("rt_rd_string", "i32", "i32"),
  rdBytesn: sig("rt_rd_bytesn", "i32 i32", "i32"),
  rdEnd: sig("rt_rd_end", "i32"),

  calldata: sig("rt_calldata", "", "i32"),
  finish: sig("rt_finish", "i32"),
  caller: sig("rt_caller", "", "i32"),
  origin: sig("rt_origin", "", "i32"),
  selfAddress: sig("rt_self_address", "", "i32"),
  blockNumber: sig("rt_block_number", "", "i64"),
  blockTimestamp: sig("rt_block_timestamp", "", "i64"),
  storageGet: sig("rt_storage_get", "i32", "i32"),
  storageSet: sig("rt_storage_set", "i32 i32"),
  storageDelete: sig("rt_storage_delete", "i32"),
  log: sig("rt_log", "i32 i32 i32 i32 i32 i32"),
  call: sig("rt_call", "i32 i32", "i32"),
  codeSize: sig("rt_code_size", "i32", "i32"),
} as const satisfies Record<string, RtFunction>;

export type RtName = keyof typeof rt;

/** All entries, in table order. */
export const rtFunctions: readonly RtFunction[] = Object.values(rt);

/** `name(params) -> result`, the form used in the generated export list. */
export function signatureText(f: RtFunction): string {
  return `${f.name}(${f.params.join(",")})->${f.result ?? "void"}`;
}
