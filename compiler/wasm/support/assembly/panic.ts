// Failures: Panic(uint32) and Error(string) revert data, and the chain's
// hash choice (which also selects the selectors baked in below).
import { revert } from "./bcos";
import {
  PANIC_SELECTOR_KECCAK, PANIC_SELECTOR_SM3,
  ERROR_SELECTOR_KECCAK, ERROR_SELECTOR_SM3,
} from "./selectors.generated";
import { rt_buf_new, rt_buf_put_raw, rt_buf_put_bytes, rt_buf_to_bytes } from "./scale_write";

/** 0 = keccak-256 chain, 1 = SM3 chain. Set by rt_set_crypto. */
let cryptoSm: i32 = 0;

/** Static (not heap) so that Panic(0x41) works when the heap is full. */
const PANIC_DATA: usize = memory.data(8);
const ERROR_SELECTOR_DATA: usize = memory.data(4);

export function rt_set_crypto(sm: i32): void {
  cryptoSm = sm != 0 ? 1 : 0;
}

export function rt_get_crypto(): i32 {
  return cryptoSm;
}

/** Reverts with Panic(uint32) selector ‖ u32 LE code. Does not return. */
export function rt_panic(code: i32): void {
  const sel = cryptoSm ? PANIC_SELECTOR_SM3 : PANIC_SELECTOR_KECCAK;
  store<u32>(PANIC_DATA, bswap<u32>(sel));
  store<u32>(PANIC_DATA, <u32>code, 4);
  revert(PANIC_DATA, 8);
  unreachable();
}

/** Reverts with the raw bytes of a bytes object. Does not return. */
export function rt_revert(data: usize): void {
  revert(data + 4, load<u32>(data));
  unreachable();
}

/** Reverts with Error(string) selector ‖ SCALE(string). Does not return. */
export function rt_revert_string(str: usize): void {
  const sel = cryptoSm ? ERROR_SELECTOR_SM3 : ERROR_SELECTOR_KECCAK;
  const buf = rt_buf_new(load<u32>(str) + 9);
  store<u32>(ERROR_SELECTOR_DATA, bswap<u32>(sel));
  rt_buf_put_raw(buf, ERROR_SELECTOR_DATA, 4);
  rt_buf_put_bytes(buf, str);
  rt_revert(rt_buf_to_bytes(buf));
}
