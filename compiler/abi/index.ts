export * from "./abi.ts";
export * from "./selector.ts";
