// E05xx: limits met while lowering or generating code. Owned by
// compiler/lower and compiler/wasm.
import { errors } from "./types.ts";

export const codegenCodes = errors({
  E0500: "construct not supported by the code generator",
});
