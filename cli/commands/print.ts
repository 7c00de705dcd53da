// Output helpers of the chain commands: JSON with bigints, argument lists,
// receipts in words.
import type { DecodedReceipt } from "../../runtime/client/index.ts";
import { UsageError, type Io } from "../usage.ts";

/** JSON with bigints as decimal strings and bytes as 0x-hex. */
export function jsonText(v: unknown): string {
  return JSON.stringify(
    v,
    (_k, x) => (typeof x === "bigint" ? x.toString() : x instanceof Uint8Array ? "0x" + Buffer.from(x).toString("hex") : x),
    2,
  );
}

/** A JSON array of arguments; integers beyond 2^53 may be written as strings. */
export function parseArgsJson(text: string | undefined, command: string): unknown[] {
  if (text === undefined) return [];
  let v: unknown;
  try {
    v = JSON.parse(text, (_k, x) => (typeof x === "number" && Number.isInteger(x) ? BigInt(x) : x));
  } catch (e) {
    throw new UsageError(`arguments must be a JSON array, e.g. '["0xab…", 10]': ${(e as Error).message}`, command);
  }
  if (!Array.isArray(v)) throw new UsageError(`arguments must be a JSON array, got ${text}`, command);
  return v;
}

export function printReceipt(io: Io, r: DecodedReceipt, json: boolean, what: string, ms: number): void {
  if (json) {
    const { raw: _raw, ...rest } = r;
    io.out(jsonText(rest) + "\n");
    return;
  }
  const lines = [
    `${what}: ${r.ok ? "ok" : `FAILED (status ${r.status} ${r.statusName})`} in block ${r.blockNumber}, ${r.gasUsed} gas, ${ms.toFixed(0)} ms`,
    `  transaction ${r.transactionHash}`,
  ];
  if (r.contractAddress) lines.push(`  contract    ${r.contractAddress}`);
  if (r.value !== undefined) lines.push(`  value       ${jsonText(r.value)}`);
  if (!r.ok && r.message) lines.push(`  reason      ${r.message}`);
  for (const e of r.events) lines.push(`  event       ${e.name ?? "(unknown)"} ${jsonText(e.args).replace(/\s+/g, " ")}`);
  io.out(lines.join("\n") + "\n");
}
