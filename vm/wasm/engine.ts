/**
 * Typed access to the JS engine's WebAssembly API. The project compiles
 * against lib ES2022 without DOM, where `WebAssembly` has no value typings,
 * so vm/ declares the few parts it uses here instead of adding globals.
 */
export interface WasmGlobal {
  value: number | bigint;
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

/** A compiled module (opaque). */
export interface WasmModuleHandle {
  readonly __brand?: "WebAssembly.Module";
}

export type WasmImports = Record<string, Record<string, unknown>>;

interface WebAssemblyApi {
  Module: { new (bytes: Uint8Array): WasmModuleHandle; imports(m: WasmModuleHandle): { module: string; name: string; kind: string }[] };
  Instance: new (module: WasmModuleHandle, imports: WasmImports) => WasmInstance;
  Global: new (desc: { value: "i32" | "i64"; mutable?: boolean }, init?: number | bigint) => WasmGlobal;
  RuntimeError: new (message?: string) => Error;
  CompileError: new (message?: string) => Error;
  LinkError: new (message?: string) => Error;
  validate(bytes: Uint8Array): boolean;
}

export const engine: WebAssemblyApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
