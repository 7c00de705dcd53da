/** vm/abi: SCALE and ABI-driven encoding, per docs/abi.md. */
export * from "./types.ts";
export * from "./scale.ts";
export * from "./hex.ts";
export * from "./codec.ts";
export * from "./selector.ts";
export * from "./calls.ts";
export * from "./revert.ts";
export * from "./events.ts";
