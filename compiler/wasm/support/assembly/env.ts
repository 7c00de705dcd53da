// Environment wrappers over the bcos imports, on bytes objects.
import {
  getCallDataSize, getCallData, finish, setStorage, getStorage, getCaller,
  getTxOrigin, getAddress, getBlockNumber, getBlockTimestamp, log, call,
  getReturnDataSize, getReturnData, getExternalCodeSize,
} from "./bcos";
import { rt_alloc, scratchTop } from "./alloc";
import { rt_revert } from "./panic";
import { rt_bytes_new } from "./bytes";

/** Room the host may write into for a value or an address (16 KiB). */
const HOST_ROOM: u32 = 16384;

/**
 * Keeps what the host wrote at top + 4 (`len` bytes, after scratchTop) as a
 * bytes object at `top`.
 */
@inline function hostBytes(len: i32, top: usize): usize {
  store<u32>(top, <u32>len);
  rt_alloc(<u32>len + 4);
  return top;
}

export function rt_calldata(): usize {
  const p = rt_bytes_new(<u32>getCallDataSize());
  getCallData(p + 4);
  return p;
}

/** Sets the output (the last call wins); returns normally. */
export function rt_finish(obj: usize): void {
  finish(obj + 4, load<u32>(obj));
}

export function rt_caller(): usize {
  const top = scratchTop(HOST_ROOM + 4);
  return hostBytes(getCaller(top + 4), top);
}

export function rt_origin(): usize {
  const top = scratchTop(HOST_ROOM + 4);
  return hostBytes(getTxOrigin(top + 4), top);
}

export function rt_self_address(): usize {
  const top = scratchTop(HOST_ROOM + 4);
  return hostBytes(getAddress(top + 4), top);
}

export function rt_block_number(): i64 {
  return getBlockNumber();
}

export function rt_block_timestamp(): i64 {
  return getBlockTimestamp();
}

/** The stored value as a bytes object, or 0 when the key is missing. */
export function rt_storage_get(key: usize): usize {
  const top = scratchTop(HOST_ROOM + 4);
  const len = getStorage(key + 4, load<u32>(key), top + 4);
  if (len <= 0) return 0;
  return hostBytes(len, top);
}

/** An empty value deletes the key (FISCO: vLen = 0). */
export function rt_storage_set(key: usize, value: usize): void {
  setStorage(key + 4, load<u32>(key), value + 4, load<u32>(value));
}

export function rt_storage_delete(key: usize): void {
  setStorage(key + 4, load<u32>(key), 0, 0);
}

/** Topics are pointers to 32 bytes; unused ones 0. */
export function rt_log(data: usize, n: i32, t1: usize, t2: usize, t3: usize, t4: usize): void {
  log(data + 4, load<u32>(data), n, t1, t2, t3, t4);
}

/**
 * Calls `addr` with `data`; returns the return data. A non-zero status
 * from the host reverts this contract with the callee's return data.
 */
export function rt_call(addr: usize, data: usize): usize {
  const status = call(addr + 4, load<u32>(addr), data + 4, load<u32>(data));
  const out = rt_bytes_new(<u32>getReturnDataSize());
  if (load<u32>(out) != 0) getReturnData(out + 4);
  if (status != 0) rt_revert(out);
  return out;
}

/** 0 when no contract is at addr. */
export function rt_code_size(addr: usize): i32 {
  return getExternalCodeSize(addr + 4, load<u32>(addr));
}
