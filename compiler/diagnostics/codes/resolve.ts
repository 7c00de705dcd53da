// E02xx: names, scopes and imports. Owned by compiler/resolve.
import { errors } from "./types.ts";

export const resolveCodes = errors({
  E0200: "unknown name",
});
