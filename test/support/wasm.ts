// The few WebAssembly JS-API types the tests use. The project's lib
// (ES2022 + @types/node 20) does not declare the WebAssembly global, and a
// global declaration here could clash with other packages' ones.

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

export interface WasmModule {
  readonly __brand?: "WebAssembly.Module";
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
}

interface WasmStatics {
  Module: { imports(m: WasmModule): { module: string; name: string; kind: string }[] };
}

export const WebAssemblyApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
export const moduleImports = (m: WasmModule) =>
  (globalThis as unknown as { WebAssembly: WasmStatics }).WebAssembly.Module.imports(m);
