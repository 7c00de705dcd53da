// A damaged store answers ChainError("STORE_CORRUPT") — at open when the
// head, its header, the state or LevelDB's own files are damaged, on reading
// when a block, transaction or receipt record is — never a crash, a wrong
// answer or a silently shorter chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ClassicLevel } from "classic-level";
import { chainHash } from "../../vm/crypto.ts";
import { ChainStore } from "../../runtime/store/store.ts";
import * as L from "../../runtime/store/layout.ts";
import { encodeSealedHeader } from "../../runtime/chain/codec.ts";
import type { Block } from "../../runtime/chain/types.ts";
import { bytes, commit, hash, makeTx, storageDiff, tempDir } from "./store-fixtures.ts";

let template: { dir: string; remove: () => void };
let blocks: Block[];
const removals: (() => void)[] = [];

beforeAll(async () => {
  template = tempDir();
  const store = await ChainStore.open(template.dir, { hash });
  blocks = [await commit(store, [], { ...storageDiff("/a", [["k", "v"]]), contracts: [{ address: "/a", code: bytes("code"), codeHash: "cc", abi: "[]" }] })];
  for (let i = 1; i <= 3; i++) blocks.push(await commit(store, [makeTx(`t${i}`), makeTx(`u${i}`)], storageDiff("/a", [[`k${i}`, `v${i}`]])));
  await store.close();
});
afterAll(() => {
  template.remove();
  for (const r of removals) r();
});

/** A copy of the template store with some records changed through LevelDB directly. */
async function damaged(change: (db: ClassicLevel<Uint8Array, Uint8Array>) => Promise<unknown>): Promise<string> {
  const dir = copy();
  const db = new ClassicLevel<Uint8Array, Uint8Array>(dir, { keyEncoding: "view", valueEncoding: "view" });
  await change(db);
  await db.close();
  return dir;
}

function copy(): string {
  const t = tempDir();
  removals.push(t.remove);
  cpSync(template.dir, t.dir, { recursive: true });
  return t.dir;
}

const corrupt = expect.objectContaining({ name: "ChainError", code: "STORE_CORRUPT" });
const sKey = (k: string): Uint8Array => L.storageKey(L.encodeAddress("/a"), bytes(k));
const txKey = (i: number): Uint8Array => L.hashKey(L.P_TX, blocks[i]!.transactions[0]!.hash);

describe("a damaged store", () => {
  it("is refused at open when the state, the head or its header is damaged", async () => {
    const cases: [string, (db: ClassicLevel<Uint8Array, Uint8Array>) => Promise<unknown>, RegExp][] = [
      ["a storage value changed", (db) => db.put(sKey("k2"), bytes("v9")), /state's root/],
      ["a storage entry added", (db) => db.put(sKey("extra"), bytes("1")), /state's root/],
      ["a storage entry lost", (db) => db.del(sKey("k1")), /state's root/],
      ["an empty storage value", (db) => db.put(sKey("k1"), new Uint8Array(0)), /empty storage value/],
      ["a state key cut short", (db) => db.put(new Uint8Array([L.P_STORAGE, 9 << 2, 47]), bytes("1")), /address does not decode/],
      ["a state key not UTF-8", (db) => db.put(new Uint8Array([L.P_STORAGE, 1 << 2, 0xff, 1]), bytes("1")), /address does not decode \(.*utf-8/],
      ["a contract key with a storage key", (db) => db.put(new Uint8Array([L.P_CONTRACT, 1 << 2, 47, 1]), bytes("1")), /bytes after its address/],
      ["a contract record garbled", (db) => db.put(L.contractKey(L.encodeAddress("/a")), new Uint8Array([200, 1])), /contract record/],
      ["a contract's ABI not JSON", (db) => db.put(L.contractKey(L.encodeAddress("/a")), L.encodeContract({ code: bytes("code"), codeHash: "cc", abi: "[x" })), /ABI/],
      ["the head record garbled", (db) => db.put(L.KEY_HEAD, new Uint8Array([1, 2, 3])), /head record/],
      ["the head's header garbled", (db) => db.put(L.numberKey(L.P_HEADER, 3), new Uint8Array([4, 1, 2])), /header does not decode/],
      ["the head's header lost", (db) => db.del(L.numberKey(L.P_HEADER, 3)), /no header/],
      ["another block's header at the head", (db) => db.put(L.numberKey(L.P_HEADER, 3), encodeSealedHeader({ ...blocks[2]!.header, number: 3 })), /does not hash/],
      ["the head record lost", (db) => db.del(L.KEY_HEAD), /without a head record|LevelDB lost records/],
      ["the meta record lost", (db) => db.del(L.KEY_META), /no meta record/],
      ["the meta record garbled", (db) => db.put(L.KEY_META, new Uint8Array([1])), /meta record/],
    ];
    for (const [what, change, message] of cases) {
      const dir = await damaged(change);
      const opened = ChainStore.open(dir, { hash });
      await expect(opened, what).rejects.toEqual(corrupt);
      await expect(opened, what).rejects.toThrow(message);
    }
  });

  it("answers STORE_CORRUPT when a block, transaction or receipt record read later is damaged", async () => {
    const dir = await damaged(async (db) => {
      await db.put(txKey(1), new Uint8Array([9, 9, 9]));
      await db.put(txKey(2), (await db.get(txKey(3)))!); // a record stored under another hash
      await db.put(L.hashKey(L.P_RECEIPT, blocks[1]!.transactions[1]!.hash), new Uint8Array([7]));
      await db.put(L.hashKey(L.P_RECEIPT, blocks[3]!.transactions[1]!.hash), (await db.get(L.hashKey(L.P_RECEIPT, blocks[3]!.transactions[0]!.hash)))!);
      await db.put(L.numberKey(L.P_BODY, 0), new Uint8Array(5));
      await db.put(L.hashKey(L.P_BLOCK_HASH, blocks[3]!.hash), L.encodeNumber(2));
      await db.put(L.numberKey(L.P_HEADER, 1), encodeSealedHeader(blocks[2]!.header));
    });
    const store = await ChainStore.open(dir, { hash });
    try {
      const reads: [string, () => Promise<unknown>][] = [
        ["garbled transaction", () => store.getTransaction(blocks[1]!.transactions[0]!.hash)],
        ["another's transaction", () => store.getTransaction(blocks[2]!.transactions[0]!.hash)],
        ["block of a garbled transaction", () => store.getBlockByNumber(2)],
        ["garbled receipt", () => store.getReceipt(blocks[1]!.transactions[1]!.hash)],
        ["another's receipt", () => store.getReceipt(blocks[3]!.transactions[1]!.hash)],
        ["receipt proof over another's receipt", () => store.proveReceipt(blocks[3]!.transactions[0]!.hash)],
        ["garbled body", () => store.getBlockByNumber(0)],
        ["hash index pointing elsewhere", () => store.getBlockByHash(blocks[3]!.hash)],
        ["header stored under another number", () => store.getHeader(1)],
      ];
      for (const [what, read] of reads) await expect(read(), what).rejects.toEqual(corrupt);
      expect((await store.getBlockByNumber(3))?.hash).toEqual(blocks[3]!.hash); // the rest still reads
    } finally {
      await store.close();
    }
  });

  it("is refused when LevelDB's own files are damaged, or records were silently dropped", async () => {
    for (const file of readdirSync(template.dir).filter((f) => /^(CURRENT|MANIFEST-.*|.*\.log|.*\.ldb)$/.test(f))) {
      const dir = copy();
      const path = join(dir, file);
      const b = readFileSync(path);
      for (let i = 0; i < b.length; i += 7) b[i]! ^= 0x55;
      writeFileSync(path, b);
      await expect(ChainStore.open(dir, { hash }), file).rejects.toEqual(corrupt);
    }
  });

  it("checks the head against the marker beside LevelDB, which may lag behind but never lead", async () => {
    const marker = (text: string): string => {
      const dir = copy();
      writeFileSync(join(dir, "WEFT-HEAD"), text);
      return dir;
    };
    const hexOf = (b: Uint8Array): string => Buffer.from(b).toString("hex");
    await expect(ChainStore.open(marker(`4 ${hexOf(hash(bytes("x")))}\n`), { hash })).rejects.toThrow(/block 4 was committed but the store's head is 3/);
    await expect(ChainStore.open(marker(`3 ${hexOf(blocks[2]!.hash)}\n`), { hash })).rejects.toThrow(/block 3 is not the one that was committed/);
    await expect(ChainStore.open(marker(`1 ${hexOf(blocks[2]!.hash)}\n`), { hash })).rejects.toThrow(/block 1 is not the one that was committed/);
    for (const ok of [`1 ${hexOf(blocks[1]!.hash)}\n`, `3 ${hexOf(blocks[3]!.hash)}\n`, "garbage from a power loss", ""]) {
      const store = await ChainStore.open(marker(ok), { hash });
      expect(store.head()?.number).toBe(3);
      await store.close();
    }
  });

  it("tells a store of another hash function or format from a damaged one", async () => {
    await expect(ChainStore.open(template.dir, { hash: (b) => chainHash("sm", b) })).rejects.toThrow(/another hash function/);
    const dir = await damaged((db) => db.put(L.KEY_META, L.encodeMeta(hash(bytes("weft chain store"))).map((b, i) => (i === 0 ? 9 : b))));
    await expect(ChainStore.open(dir, { hash })).rejects.toThrow(/has format 9/);
    const notStore = tempDir();
    removals.push(notStore.remove);
    writeFileSync(join(notStore.dir, "notes.txt"), "mine");
    await expect(ChainStore.open(notStore.dir, { hash })).rejects.toThrow(/neither empty nor a chain store/);
  });
});
