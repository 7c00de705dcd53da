// Worker thread of the signature verifier (verifier.ts). Plain JavaScript
// so that it starts the same way whether the node runs under tsx or the
// `weft` binary: it registers tsx's loader, then loads the TypeScript part.
import { register } from "tsx/esm/api";

register();
await import("./verify-worker-impl.ts");
