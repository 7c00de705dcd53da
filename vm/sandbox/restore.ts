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

/**
 * What each chunk is restored from: the CHUNK + SPILL bytes of the initial
 * image starting at the chunk, made once per chunk and kept (one shared
 * buffer of zeros for every chunk outside the data segments), so a reset
 * is one typed-array copy per dirty chunk with nothing allocated.
 */
export class ChunkImages {
  private readonly first: number;
  private readonly sources: (Uint8Array | undefined)[];

  constructor(
    private readonly image: Uint8Array,
    private readonly imageLo: number,
  ) {
    // chunks whose restored range [c * CHUNK, c * CHUNK + CHUNK + SPILL) meets the image
    this.first = image.length === 0 ? 0 : Math.max(0, (imageLo - SPILL) >> CHUNK_SHIFT);
    const last = image.length === 0 ? -1 : (imageLo + image.length - 1) >> CHUNK_SHIFT;
    this.sources = new Array(Math.max(0, last - this.first + 1)).fill(undefined);
  }

  of(chunk: number): Uint8Array {
    const i = chunk - this.first;
    if (i < 0 || i >= this.sources.length) return ZEROS;
    let src = this.sources[i];
    if (src === undefined) {
      src = new Uint8Array(CHUNK + SPILL);
      const from = chunk << CHUNK_SHIFT;
      restoreRange(src, -from, from, from + CHUNK + SPILL, this.image, this.imageLo);
      this.sources[i] = src;
    }
    return src;
  }
}

const ZEROS = new Uint8Array(CHUNK + SPILL);

/** Restore every dirty chunk (plus the spill of a store straddling its end) and clear the map. */
export function restoreDirty(view: Uint8Array, words: Uint32Array, realBytes: number, layout: Layout, images: ChunkImages): void {
  const n = words[layout.countAt >>> 2]!;
  const list = layout.listAt >>> 2;
  const base = layout.base;
  for (let i = 0; i < n; i++) {
    const c = words[list + i]!;
    view[c] = 0;
    const at = base + (c << CHUNK_SHIFT);
    // the last chunk of the real memory has no room for the spill
    if (at + CHUNK + SPILL <= realBytes) view.set(images.of(c), at);
    else view.set(images.of(c).subarray(0, realBytes - at), at);
  }
  words[layout.countAt >>> 2] = 0;
}
