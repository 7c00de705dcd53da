// E09xx: failures of the compiler itself. The driver turns an exception
// escaping a pass into E0900 so that tools keep running; tests treat any
// E0900 as a bug.
import { errors } from "./types.ts";

export const internalCodes = errors({
  E0900: "internal compiler error",
});
