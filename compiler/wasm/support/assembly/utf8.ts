// UTF-8 validation (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).

/** 1 if the bytes object holds valid UTF-8. */
export function rt_utf8_valid(obj: usize): i32 {
  const n = load<u32>(obj);
  const p = obj + 4;
  let i: u32 = 0;
  while (i < n) {
    const c = <u32>load<u8>(p + i);
    if (c < 0x80) { i++; continue; }
    let need: u32, lo: u32 = 0x80, hi: u32 = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c == 0xe0) lo = 0xa0;       // overlong
      else if (c == 0xed) hi = 0x9f;  // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c == 0xf0) lo = 0x90;       // overlong
      else if (c == 0xf4) hi = 0x8f;  // > U+10FFFF
    } else return 0;
    if (n - i <= need) return 0;
    const c1 = <u32>load<u8>(p + i + 1);
    if (c1 < lo || c1 > hi) return 0;
    for (let k: u32 = 2; k <= need; k++) {
      const ck = <u32>load<u8>(p + i + k);
      if (ck < 0x80 || ck > 0xbf) return 0;
    }
    i += need + 1;
  }
  return 1;
}
