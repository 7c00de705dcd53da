// /sys/kv_storage: key/value tables for contracts and applications (FISCO
// BCOS's KV tables: a table has a key field and a value field; values are
// strings). Rows live in this contract's own storage:
//   "t" ‖ 0 ‖ table            → SCALE(string keyField, string valueField)
//   "r" ‖ 0 ‖ table ‖ 0 ‖ key  → value (UTF-8)
import { PrecompiledContract, Refused } from "./base.ts";
import type { Precompile, PrecompileContext } from "../../vm/precompile.ts";
import { ScaleReader, ScaleWriter } from "../../vm/abi/scale.ts";

const utf8 = new TextEncoder();
const text = new TextDecoder();
/** FISCO's return code for creating a table that exists. */
export const TABLE_EXISTS = -50001n;
const NAME = /^[A-Za-z0-9_$@]{1,50}$/;
const MAX_KEY = 255;
const MAX_VALUE = 64 * 1024;

function tableKey(table: string): Uint8Array {
  return utf8.encode(`t\0${table}`);
}
function rowKey(table: string, key: string): Uint8Array {
  return utf8.encode(`r\0${table}\0${key}`);
}

function fields(ctx: PrecompileContext, table: string): [string, string] {
  if (!NAME.test(table)) throw new Refused(`"${table}" is not a table name (1-50 of A-Z a-z 0-9 _ $ @)`);
  const raw = ctx.getStorage(tableKey(table));
  if (!raw) throw new Refused(`no table "${table}"; create it with createTable`);
  const r = new ScaleReader(raw);
  return [text.decode(r.take(r.length())), text.decode(r.take(r.length()))];
}

function checkKey(key: string): void {
  const n = utf8.encode(key).length;
  if (n === 0 || n > MAX_KEY) throw new Refused(`a key has 1 to ${MAX_KEY} bytes, this one ${n}`);
}

export function kvStorage(): Precompile {
  return new PrecompiledContract("/sys/kv_storage", [
    {
      signature: "createTable(string tableName, string keyField, string valueField) returns (int32)",
      gas: () => 10_000n,
      run: ([table, keyField, valueField]: [string, string, string], ctx) => {
        if (!NAME.test(table)) throw new Refused(`"${table}" is not a table name (1-50 of A-Z a-z 0-9 _ $ @)`);
        if (!NAME.test(keyField) || !NAME.test(valueField)) throw new Refused("field names are 1-50 of A-Z a-z 0-9 _ $ @");
        if (ctx.getStorage(tableKey(table))) return [TABLE_EXISTS];
        const w = new ScaleWriter();
        w.lengthPrefixed(utf8.encode(keyField));
        w.lengthPrefixed(utf8.encode(valueField));
        ctx.setStorage(tableKey(table), w.finish());
        return [0n];
      },
    },
    {
      signature: "set(string tableName, string key, string value) returns (int32)",
      gas: ([table, key, value]: [string, string, string]) => 5_000n + 3n * BigInt(table.length + key.length + value.length),
      run: ([table, key, value]: [string, string, string], ctx) => {
        fields(ctx, table);
        checkKey(key);
        const v = utf8.encode(value);
        if (v.length > MAX_VALUE) throw new Refused(`a value has at most ${MAX_VALUE} bytes, this one ${v.length}`);
        ctx.setStorage(rowKey(table, key), v);
        return [1n];
      },
    },
    {
      signature: "get(string tableName, string key) view returns (bool, string)",
      gas: ([table, key]: [string, string]) => 200n + 3n * BigInt(table.length + key.length),
      run: ([table, key]: [string, string], ctx) => {
        fields(ctx, table);
        checkKey(key);
        const v = ctx.getStorage(rowKey(table, key));
        return v ? [true, text.decode(v)] : [false, ""];
      },
    },
    {
      signature: "desc(string tableName) view returns (string, string)",
      gas: () => 200n,
      run: ([table]: [string], ctx) => fields(ctx, table),
    },
  ]);
}
