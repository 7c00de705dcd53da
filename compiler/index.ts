// The Weft compiler: `.weft` sources → Wasm modules + ABI JSON + diagnostics.
// Passes, in order: syntax → resolve → types → effects → lower → wasm → abi.
// Pure: no file system, no network, no clock. Tools that must not load
// binaryen (the language server) import ./analyze.ts instead of this file.
export { compile, type CompileOptions, type CompileResult, type CompiledContract } from "./compile.ts";
export { analyze, type Analysis, type Sources } from "./analyze.ts";
export { explainParallel, type ParallelEntry } from "./parallel.ts";
export { collectSources, normalizePath, type ReadFile } from "./sources.ts";
export { parse } from "./syntax/index.ts";
export * from "./diagnostics/index.ts";
export * from "./abi/index.ts";
export type * from "./syntax/ast.ts";
export type * from "./types/model.ts";
