// E05xx: what the code generator cannot do, and limits met while lowering
// or generating code. Owned by compiler/lower and compiler/wasm.
import { errors } from "./types.ts";

export const codegenCodes = errors({
  E0500: "construct not supported by the code generator",
  E0501: "value too large for the 64 MiB linear memory of a FISCO Wasm contract",
});
