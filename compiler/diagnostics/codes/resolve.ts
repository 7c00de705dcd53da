// E02xx errors and W02xx warnings: names, scopes, imports, type expressions
// and declarations. Owned by compiler/resolve.
import { errors, warnings } from "./types.ts";

export const resolveCodes = [
  ...errors({
    E0200: "unknown name",
    E0201: "unknown type",
    E0202: "name declared twice",
    E0203: "imported module or file not found",
    E0204: "imported name not declared by the module",
    E0205: "import clashes with another import or declaration",
    E0206: "recursive struct",
    E0207: "wrong number of type arguments",
    E0208: "invalid integer or bytesN width",
    E0209: "array size is not a constant positive integer",
    E0210: "map outside storage",
    E0211: "state variable used without `self`",
    E0212: "unknown member of `self`",
    E0213: "unknown member of a built-in (`msg`, `tx`, `block`, `abi`)",
    E0214: "not a type",
    E0215: "unknown enum variant or contract member in a path",
    E0216: "invalid map key type",
    E0217: "invalid constant type",
  }),
  ...warnings({
    W0200: "unused import",
  }),
];
