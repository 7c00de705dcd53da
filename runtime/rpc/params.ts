// Reading a method's positional parameters. Every check throws an RpcError
// (-32602 invalid params) naming the parameter and what was expected, so a
// handler only ever sees values of the right type and shape.
import { ChainError } from "../chain/errors.ts";
import { invalidParams } from "./errors.ts";

const HEX = /^(0x|0X)?([0-9a-fA-F]{2})*$/;
const HASH = /^(0x|0X)?[0-9a-fA-F]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;
const HEX_NUMBER = /^0x[0-9a-fA-F]{1,14}$/;

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

export class Params {
  constructor(
    readonly method: string,
    private readonly list: readonly unknown[],
    /** The parameter names, for messages: `call(groupID, nodeName, to, data)`. */
    private readonly names: readonly string[],
    required: number,
  ) {
    if (list.length < required || list.length > names.length) {
      const want = required === names.length ? `${required}` : `${required} to ${names.length}`;
      throw invalidParams(`${method}(${names.join(", ")}) takes ${want} parameters, got ${list.length}`);
    }
  }

  private fail(i: number, expected: string): never {
    throw invalidParams(`${this.method}: parameter ${i + 1} (${this.names[i]}) must be ${expected}, got ${describe(this.list[i])}`);
  }

  has(i: number): boolean {
    return i < this.list.length && this.list[i] !== null && this.list[i] !== undefined;
  }

  str(i: number): string {
    const v = this.list[i];
    if (typeof v !== "string") this.fail(i, "a string");
    return v;
  }

  /** A string that must be one of the chain's identifiers (path, key, name): non-empty, bounded. */
  name(i: number, max = 1024): string {
    const v = this.str(i);
    if (v.length === 0 || v.length > max) this.fail(i, `a non-empty string of at most ${max} characters`);
    return v;
  }

  /** The group the request is meant for; must be this node's. */
  group(i: number, own: string): string {
    const g = this.str(i);
    if (g !== own) throw new ChainError("WRONG_GROUP", `${this.method}: this node serves group ${JSON.stringify(own)}, not ${describe(g)}`);
    return g;
  }

  bool(i: number, fallback: boolean): boolean {
    if (!this.has(i)) return fallback;
    const v = this.list[i];
    if (typeof v !== "boolean") this.fail(i, "true or false");
    return v;
  }

  /** Hex bytes, with or without 0x. */
  bytes(i: number): Uint8Array {
    const v = this.str(i);
    if (!HEX.test(v)) this.fail(i, "hex bytes (an even number of hex digits, 0x optional)");
    return new Uint8Array(Buffer.from(v.startsWith("0x") || v.startsWith("0X") ? v.slice(2) : v, "hex"));
  }

  /** Hex bytes left as text (0x optional), for node methods that take them so. */
  hexText(i: number): string {
    const v = this.str(i);
    if (!HEX.test(v)) this.fail(i, "hex bytes (an even number of hex digits, 0x optional)");
    return v;
  }

  /** A 32-byte hash, returned as lower-case 0x-hex (the form the node keys by). */
  hash(i: number): string {
    const v = this.str(i);
    if (!HASH.test(v)) this.fail(i, "a 32-byte hash in hex");
    return "0x" + v.replace(/^0x/i, "").toLowerCase();
  }

  /** A block number: a non-negative safe integer, as a JSON number, decimal text or 0x-hex text. */
  blockNumber(i: number): number {
    const v = this.list[i];
    let n = NaN;
    if (typeof v === "number") n = v;
    else if (typeof v === "string" && DECIMAL.test(v)) n = Number(v);
    else if (typeof v === "string" && HEX_NUMBER.test(v)) n = parseInt(v.slice(2), 16);
    if (!Number.isSafeInteger(n) || n < 0) this.fail(i, "a block number (a non-negative integer, or its decimal or 0x-hex text)");
    return n;
  }

  /** A plain JSON object (not null, not an array). */
  object(i: number): Record<string, unknown> {
    const v = this.list[i];
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(i, "an object");
    return v as Record<string, unknown>;
  }
}
