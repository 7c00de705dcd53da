export * from "./abi.ts";
export * from "./selector.ts";
export * from "./conflict.ts";
