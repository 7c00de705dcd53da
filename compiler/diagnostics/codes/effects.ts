// E04xx errors and W04xx warnings: view purity, reentrancy, storage
// footprint. Owned by compiler/effects.
import { errors } from "./types.ts";

export const effectsCodes = [
  ...errors({
    E0400: "a view function writes state",
  }),
];
