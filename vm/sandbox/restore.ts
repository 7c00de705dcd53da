/** Putting a sandboxed instance's memory back to its initial state (see layout.ts). */
import { CHUNK, CHUNK_SHIFT, SPILL, type Layout } from "./layout.ts";

/** Put contract memory [from, to) back: the image over [imageLo, imageLo + image.length), zero elsewhere. */
export function restoreRange(view: Uint8Array, base: number, from: number, to: number, image: Uint8Array, imageLo: number): void {
  if (to + base > view.length) to = view.length - base;
  if (from >= to) return;
  const imageHi = imageLo + image.length;
  if (to <= imageLo || from >= imageHi) {
    view.fill(0, base + from, base + to);
    return;
  }
  if (from < imageLo) view.fill(0, base + from, base + imageLo);
  const a = Math.max(from, imageLo);
  const b = Math.min(to, imageHi);
  view.set(image.subarray(a - imageLo, b - imageLo), base + a);
  if (to > imageHi) view.fill(0, base + imageHi, base + to);
}

/** Flag the chunks of contract memory [from, from + len) dirty (for writes made by the host). */
export function markRange(view: Uint8Array, words: Uint32Array, layout: Layout, from: number, len: number): void {
  if (len === 0) return;
  const last = (from + len - 1) >>> CHUNK_SHIFT;
  for (let c = from >>> CHUNK_SHIFT; c <= last; c++) {
    if (view[c] !== 0) continue;
    view[c] = 1;
    const n = words[layout.countAt >>> 2]!;
    words[(layout.listAt >>> 2) + n] = c;
    words[layout.countAt >>> 2] = n + 1;
  }
}

/** Restore every dirty chunk (plus the spill of a store straddling its end) and clear the map. */
export function restoreDirty(view: Uint8Array, words: Uint32Array, layout: Layout, image: Uint8Array, imageLo: number): void {
  const n = words[layout.countAt >>> 2]!;
  const list = layout.listAt >>> 2;
  for (let i = 0; i < n; i++) {
    const c = words[list + i]!;
    view[c] = 0;
    const from = c << CHUNK_SHIFT;
    restoreRange(view, layout.base, from, from + CHUNK + SPILL, image, imageLo);
  }
  words[layout.countAt >>> 2] = 0;
}
