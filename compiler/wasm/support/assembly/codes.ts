// Panic(uint32) codes, docs/abi.md.
export const PANIC_ASSERT: i32 = 0x01;
export const PANIC_OVERFLOW: i32 = 0x11;
export const PANIC_DIV_ZERO: i32 = 0x12;
export const PANIC_ENUM: i32 = 0x21;
export const PANIC_NEG_SHIFT: i32 = 0x22;
export const PANIC_DECODE: i32 = 0x31;
export const PANIC_BOUNDS: i32 = 0x32;
export const PANIC_OUT_OF_MEMORY: i32 = 0x41;
