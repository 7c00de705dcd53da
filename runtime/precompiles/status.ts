// /sys/status: the chain's system configuration (FISCO BCOS's
// SystemConfigPrecompiled). A value set in block N takes effect from block
// N + 1, as on FISCO; until then readers get the previous value. Only the
// chain's governors (genesis) may set values; committee governance comes
// with the standard library.
//   storage: key name → SCALE(string value, u64 enableNumber, string previous)
//            "\0governors" → SCALE(vec<string address>)
import { PrecompiledContract, Refused } from "./base.ts";
import type { Precompile, PrecompileContext } from "../../vm/precompile.ts";
import { ScaleReader, ScaleWriter } from "../../vm/abi/scale.ts";
import { DEFAULT_TX_COUNT_LIMIT, DEFAULT_TX_GAS_LIMIT } from "../chain/limits.ts";

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** The keys this chain knows, with their defaults and the range of accepted values. */
export const SYSTEM_CONFIG: Record<string, { default: number; min: number; max: number }> = {
  tx_count_limit: { default: DEFAULT_TX_COUNT_LIMIT, min: 1, max: 100_000 },
  tx_gas_limit: { default: DEFAULT_TX_GAS_LIMIT, min: 100_000, max: Number.MAX_SAFE_INTEGER },
  consensus_leader_period: { default: 1, min: 1, max: 1_000 },
};

const GOVERNORS = utf8.encode("\0governors");

interface Entry {
  value: string;
  enableNumber: number;
  previous: string;
}

export function encodeEntry(e: Entry): Uint8Array {
  const w = new ScaleWriter();
  w.lengthPrefixed(utf8.encode(e.value));
  w.intLE(BigInt(e.enableNumber), 8);
  w.lengthPrefixed(utf8.encode(e.previous));
  return w.finish();
}

function decodeEntry(raw: Uint8Array): Entry {
  const r = new ScaleReader(raw);
  const value = text.decode(r.take(r.length()));
  const enableNumber = Number(r.uintLE(8));
  return { value, enableNumber, previous: text.decode(r.take(r.length())) };
}

export function encodeGovernors(addresses: string[]): Uint8Array {
  const w = new ScaleWriter();
  w.compact(addresses.length);
  for (const a of addresses) w.lengthPrefixed(utf8.encode(a.toLowerCase()));
  return w.finish();
}

function governors(raw: Uint8Array | undefined): string[] {
  if (!raw) return [];
  const r = new ScaleReader(raw);
  const out: string[] = [];
  for (let n = r.length(); n > 0; n--) out.push(text.decode(r.take(r.length())));
  return out;
}

/** The genesis storage of /sys/status: every key at its default, enabled from block 0. */
export function genesisStatus(governorAddresses: string[], overrides: Record<string, number> = {}): [Uint8Array, Uint8Array][] {
  const out: [Uint8Array, Uint8Array][] = [[GOVERNORS, encodeGovernors(governorAddresses)]];
  for (const [key, spec] of Object.entries(SYSTEM_CONFIG)) {
    const value = String(overrides[key] ?? spec.default);
    out.push([utf8.encode(key), encodeEntry({ value, enableNumber: 0, previous: value })]);
  }
  return out;
}

/** The value of `key` in force at block `number`, from /sys/status storage. */
export function readConfig(get: (key: Uint8Array) => Uint8Array | undefined, key: string, number: number): { value: string; enableNumber: number } | null {
  const raw = get(utf8.encode(key));
  if (!raw) return null;
  const e = decodeEntry(raw);
  return number >= e.enableNumber ? { value: e.value, enableNumber: e.enableNumber } : { value: e.previous, enableNumber: 0 };
}

function check(key: string, value: string): void {
  const spec = SYSTEM_CONFIG[key];
  if (!spec) throw new Refused(`unknown system config key "${key}"; known: ${Object.keys(SYSTEM_CONFIG).join(", ")}`);
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < spec.min || n > spec.max) throw new Refused(`${key} must be an integer in [${spec.min}, ${spec.max}], got "${value}"`);
}

export function systemStatus(): Precompile {
  return new PrecompiledContract("/sys/status", [
    {
      signature: "setValueByKey(string key, string value) returns (int32)",
      gas: () => 20_000n,
      run: ([key, value]: [string, string], ctx: PrecompileContext) => {
        if (!governors(ctx.getStorage(GOVERNORS)).includes(ctx.origin.toLowerCase())) {
          throw new Refused(`only a governor may set system config (${ctx.origin} is not one)`);
        }
        check(key, value);
        const number = Number(ctx.block.number);
        const current = readConfig((k) => ctx.getStorage(k), key, number);
        ctx.setStorage(utf8.encode(key), encodeEntry({ value, enableNumber: number + 1, previous: current?.value ?? value }));
        return [0n];
      },
    },
    {
      signature: "getValueByKey(string key) view returns (string, int64)",
      gas: () => 200n,
      run: ([key]: [string], ctx: PrecompileContext) => {
        const e = readConfig((k) => ctx.getStorage(k), key, Number(ctx.block.number));
        if (!e) throw new Refused(`unknown system config key "${key}"`);
        return [e.value, BigInt(e.enableNumber)];
      },
    },
  ]);
}
