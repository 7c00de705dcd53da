// E04xx errors and W04xx warnings: view purity, reentrancy, storage
// footprint. Owned by compiler/effects.
import { errors, warnings } from "./types.ts";

export const effectsCodes = [
  ...errors({
    E0400: "a view function writes state",
    E0401: "a view function emits an event",
    E0402: "a view function calls an internal function that changes state",
    E0403: "a view function calls a non-view function of another contract",
    E0404: "a view function modifies storage with `remove`, `push` or `pop`",
  }),
  ...warnings({
    W0400: "state written after an external call",
  }),
];
