/**
 * Memory layout of a sandboxed instance. The contract's memory is moved up
 * by `base` bytes; below it is a private area the contract cannot reach:
 *   [0, chunks)              one dirty flag byte per 1 KiB chunk of contract memory
 *   [countAt, countAt + 4)   how many chunks are listed
 *   [listAt, …)              the dirty chunk numbers, u32 each, in first-write order
 */
export const PAGE = 65536;
export const CHUNK_SHIFT = 10;
export const CHUNK = 1 << CHUNK_SHIFT;
/** A store starting in a chunk writes at most 7 bytes past it; resets cover 8. */
export const SPILL = 8;

export interface Layout {
  base: number;
  basePages: number;
  countAt: number;
  listAt: number;
}

export function layoutFor(maxPages: number): Layout {
  const chunks = (maxPages * PAGE) >>> CHUNK_SHIFT;
  const countAt = chunks;
  const listAt = countAt + 8;
  const basePages = Math.ceil((listAt + 4 * chunks) / PAGE);
  return { base: basePages * PAGE, basePages, countAt, listAt };
}
