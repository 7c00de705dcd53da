export * from "./diagnostic.ts";
export * from "./render.ts";
export * from "./suggest.ts";
export { LineIndex } from "./source-map.ts";
export { allCodes, codeInfo, type CodeInfo } from "./codes/index.ts";
