// Bump allocator. Memory is never freed or reused, so every allocation is
// zero-filled (fresh pages are zero and nothing writes above the heap top
// except the host, through `scratchTop`, into memory that is then committed).
import { rt_panic } from "./panic";
import { PANIC_OUT_OF_MEMORY } from "./codes";

/** Linear-memory limit imposed by the FISCO host (64 KiB pages). */
const MAX_PAGES: u64 = 1024;

/**
 * Address of the next free byte, always 8-byte aligned. build.ts rewrites
 * its initial value to the end of this library's data segments; a code
 * generator that appends data raises it (see README, "Linking").
 * Exported only while compiling; build.ts removes the export (MVP forbids
 * exporting mutable globals).
 */
export let rt_heap_ptr: usize = 0;

/** Makes sure linear memory covers [0, end); Panic(0x41) past 1024 pages. */
export function ensureMemory(end: u64): void {
  const have: u64 = <u64>memory.size() << 16;
  if (end <= have) return;
  const pages: u64 = (end + 0xffff) >> 16;
  if (pages > MAX_PAGES || memory.grow(<i32>(pages - (have >> 16))) < 0) {
    rt_panic(PANIC_OUT_OF_MEMORY);
  }
}

/**
 * Panic(0x41) unless `n` could ever be allocated: keeps `n + header` size
 * arithmetic in u32 from wrapping around.
 */
export function checkSize(n: u64): void {
  if (n > (MAX_PAGES << 16)) rt_panic(PANIC_OUT_OF_MEMORY);
}

/** Allocates `size` zeroed bytes, 8-byte aligned. */
export function rt_alloc(size: u32): usize {
  const p = rt_heap_ptr;
  const end: u64 = (<u64>p + <u64>size + 7) & ~(<u64>7);
  ensureMemory(end);
  rt_heap_ptr = <usize>end;
  return p;
}

/**
 * Returns the heap top with at least `room` bytes of memory behind it,
 * without allocating: for host calls that write a result of unknown length.
 * Follow with rt_alloc(actualLength) to keep what the host wrote.
 */
export function scratchTop(room: u32): usize {
  ensureMemory(<u64>rt_heap_ptr + <u64>room);
  return rt_heap_ptr;
}

/** Copies `n` bytes; regions may not overlap. */
export function copy(dst: usize, src: usize, n: u32): void {
  let i: u32 = 0;
  for (; i + 8 <= n; i += 8) store<u64>(dst + i, load<u64>(src + i));
  for (; i < n; i++) store<u8>(dst + i, load<u8>(src + i));
}

/**
 * End of this library's static data. Read by build.ts to set the initial
 * rt_heap_ptr, then removed from the module with its export.
 */
export function rt_static_end(): usize {
  return __heap_base;
}
