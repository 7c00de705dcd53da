// Small facts about types used throughout the checker: the common types,
// which kinds support which operations, and readable names for messages.
import { sameType, typeToString, UNIT, type EnvName, type IntType, type Type } from "./model.ts";

export const ERROR: Type = { kind: "error" };
export const BOOL: Type = { kind: "bool" };
export const ADDRESS: Type = { kind: "address" };
export const STRING: Type = { kind: "string" };
export const BYTES: Type = { kind: "bytes" };
export const BYTES32: Type = { kind: "bytesN", size: 32 };
export const U8: IntType = { kind: "int", bits: 8, signed: false };
export const U32: IntType = { kind: "int", bits: 32, signed: false };
export const U64: IntType = { kind: "int", bits: 64, signed: false };
export const U256: IntType = { kind: "int", bits: 256, signed: false };
export const I256: IntType = { kind: "int", bits: 256, signed: true };
export { UNIT };

/** The types of `msg.sender`, `tx.origin`, `block.number`, `block.timestamp`, `self.address`. */
export const ENV_TYPES: Record<EnvName, Type> = {
  "msg.sender": ADDRESS,
  "tx.origin": ADDRESS,
  "block.number": U64,
  "block.timestamp": U64,
  "self.address": ADDRESS,
};

export function isError(t: Type): boolean {
  return t.kind === "error";
}

export function isInt(t: Type): t is IntType {
  return t.kind === "int";
}

export function isUnsigned(t: Type): t is IntType {
  return t.kind === "int" && !t.signed;
}

export function isUnit(t: Type): boolean {
  return t.kind === "tuple" && t.elems.length === 0;
}

/** `a` and `b` are the same type, or either is the error type (no cascades). */
export function compatible(a: Type, b: Type): boolean {
  return isError(a) || isError(b) || sameType(a, b);
}

/** Types `==` and `!=` apply to. */
export function isEquatable(t: Type): boolean {
  return ["int", "bool", "address", "string", "bytes", "bytesN", "enum", "error"].includes(t.kind);
}

/** `u8` → `` `u8` `` for messages. */
export function q(t: Type): string {
  return `\`${typeToString(t)}\``;
}

export function uint(bits: number): IntType {
  return { kind: "int", bits, signed: false };
}
