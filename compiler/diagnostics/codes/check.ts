// E03xx errors and W03xx warnings: types, definite assignment, control flow.
// Owned by compiler/types.
import { errors } from "./types.ts";

export const checkCodes = [
  ...errors({
    E0300: "mismatched types",
  }),
];
