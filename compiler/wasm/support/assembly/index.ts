// Entry point: every export of the support library. The names are the
// linking contract with the code generator (see ../README.md, ../api.ts).
export { rt_alloc } from "./alloc";
export { rt_panic, rt_revert, rt_revert_string, rt_set_crypto, rt_get_crypto } from "./panic";
export {
  rt64_add, rt64_sub, rt64_mul, rt64_div, rt64_mod, rt64_pow,
  rt64_add_wrap, rt64_sub_wrap, rt64_mul_wrap, rt64_pow_wrap,
  rt64_neg, rt64_neg_wrap, rt64_div_wrap, rt64_shl, rt64_shr, rt64_not, rt64_fits, rt64_truncate, rt64_cast,
} from "./int64";
export {
  rt256_add, rt256_sub, rt256_mul, rt256_div, rt256_mod, rt256_pow,
  rt256_add_wrap, rt256_sub_wrap, rt256_mul_wrap, rt256_pow_wrap,
  rt256_neg, rt256_neg_wrap, rt256_div_wrap, rt256_shl, rt256_shr, rt256_not, rt256_and, rt256_or, rt256_xor,
  rt256_eq, rt256_lt, rt256_le, rt256_cmp, rt256_is_zero, rt256_fits,
  rt256_truncate, rt256_cast, rt256_from_i64, rt256_from_u64, rt256_to_i64,
  rt256_const,
} from "./int256";
export { rt_keccak256, rt_sm3, rt_sha256, rt_hash } from "./hash";
export {
  rt_bytes_new, rt_bytes_from_data, rt_bytes_concat, rt_bytes_eq,
  rt_bytes_compare, rt_bytes_slice, rt_bytes_get, rt_bytesn_from_bytes,
  rt_bytes_from_bytesn,
} from "./bytes";
export { rt_utf8_valid } from "./utf8";
export {
  rt_buf_new, rt_buf_len, rt_buf_put_u8, rt_buf_put_int64, rt_buf_put_big_le,
  rt_buf_put_big_be32, rt_buf_put_compact, rt_buf_put_raw, rt_buf_put_bytes,
  rt_buf_put_bytesn, rt_buf_to_bytes,
} from "./scale_write";
export {
  rt_rd_new, rt_rd_remaining, rt_rd_skip, rt_rd_u8, rt_rd_bool, rt_rd_enum, rt_rd_int64,
  rt_rd_big_le, rt_rd_big_be32, rt_rd_compact, rt_rd_bytes, rt_rd_string,
  rt_rd_bytesn, rt_rd_end,
} from "./scale_read";
export {
  rt_calldata, rt_finish, rt_caller, rt_origin, rt_self_address,
  rt_block_number, rt_block_timestamp, rt_storage_get, rt_storage_set,
  rt_storage_delete, rt_log, rt_call, rt_code_size,
} from "./env";
// Exported only during compilation; build.ts turns it into an internal
// global (MVP forbids exporting a mutable global).
export { rt_heap_ptr, rt_static_end } from "./alloc";
