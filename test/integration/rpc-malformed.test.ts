// Thousands of malformed requests against a live server over the real node
// (runtime/node, on LevelDB in a temp folder), over HTTP and WebSocket: random bytes, truncated JSON, bodies over the limit, deep
// nesting, wrong envelopes, wrong parameter types and counts, giant and
// broken batches, signed-transaction bytes that are not transactions,
// garbage that is not even HTTP. Each must get a
// well-formed JSON-RPC error (or a clean 413/400, or a clean WebSocket
// close for frames that break the WebSocket protocol), no internal error
// may be reported, and afterwards valid requests must still succeed.
import { connect } from "node:net";
import { Agent, request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRpcServer, METHOD_NAMES, type RpcServer } from "../../runtime/rpc/index.ts";
import { Node } from "../../runtime/node/node.ts";
import { WsProbe, rpc } from "../unit/rpc-wire.ts";

const LIMIT = 16 * 1024;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(rand: () => number): (string | Buffer)[] {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;
  const wrongGroup = [0, 1, -1, null, true, false, {}, [], ["group0"], { groupID: "group0" }, "group1", "", "GROUP0", "x".repeat(3000)];
  const junkValue = () => pick<unknown>([null, 1, -1.5, 1e308, "x", "0xzz", "0x123", true, [], [1, [2]], {}, { a: { b: 1 } }, "0x" + "00".repeat(32)]);
  const valid = [rpc("getBlockNumber", ["group0", ""]), rpc("call", ["group0", "", "/apps/x", "0x00"]), rpc("getBlockByNumber", ["group0", "", 0, false, true])];
  const out: (string | Buffer)[] = [];
  const add = (n: number, make: () => string | Buffer) => {
    for (let i = 0; i < n; i++) out.push(make());
  };
  // Bytes that are not JSON (and often not UTF-8).
  add(300, () => Buffer.from(Array.from({ length: 1 + int(200) }, () => int(256))));
  // Valid requests cut short.
  add(300, () => {
    const v = pick(valid);
    return v.slice(0, int(v.length));
  });
  // Deep nesting, alone, as params, and as a batch element.
  add(30, () => "[".repeat(1000 + int(5000)) + "]".repeat(int(2) ? 6000 : 0));
  add(30, () => `{"jsonrpc":"2.0","id":1,"method":"getBlockNumber","params":[${"[".repeat(3000)}${"]".repeat(3000)}]}`);
  add(30, () => `{"jsonrpc":"2.0","id":1,"method":"call","params":["group0","",${'{"a":'.repeat(2000)}1${"}".repeat(2000)},"0x"]}`);
  // Envelopes that are not requests.
  add(300, () =>
    JSON.stringify(
      pick<unknown>([
        { jsonrpc: "1.0", id: 1, method: "getBlockNumber", params: ["group0"] },
        { jsonrpc: 2, id: 1, method: "getBlockNumber", params: ["group0"] },
        { id: int(1000), method: "getBlockNumber" },
        { jsonrpc: "2.0", id: { x: 1 }, method: "getBlockNumber", params: ["group0"] },
        { jsonrpc: "2.0", id: [1], method: "getBlockNumber", params: ["group0"] },
        { jsonrpc: "2.0", id: 1, method: junkValue() },
        { jsonrpc: "2.0", id: 1, method: "getBlockNumber", params: pick(["group0", 7, true]) },
        junkValue(),
      ]),
    ),
  );
  // Methods that do not exist.
  add(200, () => rpc(pick(["", "eth_call", "rpc.discover", "__proto__", "constructor", "hasOwnProperty", "x".repeat(int(500))]) || "nope", [], int(1e6)));
  // Real methods with wrong parameter types or counts: groupID is never this node's, or there are too many.
  add(600, () => {
    const method = pick(METHOD_NAMES);
    const params = int(2) ? [pick(wrongGroup), ...Array.from({ length: int(6) }, junkValue)] : ["group0", "", ...Array.from({ length: 5 + int(5) }, junkValue)];
    if (method === "unsubscribe" && typeof params[0] === "string") params[0] = 12;
    return rpc(method, params, pick<number | string>([int(1e9), "id-" + int(100)]));
  });
  // Batches: over the limit, empty, of junk, of broken requests.
  add(50, () => `[${Array.from({ length: 11 + int(200) }, () => '{"jsonrpc":"2.0","id":1,"method":"getGroupList"}').join(",")}]`.slice(0, LIMIT - 1));
  add(30, () => "[]");
  add(150, () => `[${Array.from({ length: 1 + int(10) }, () => pick([JSON.stringify(junkValue()), rpc("nope", [], int(9)), rpc("getBlockNumber", [pick(wrongGroup)], int(9))])).join(",")}]`);
  // Transactions that are not: random bytes the node itself must refuse (BAD_ENCODING, BAD_SIGNATURE, …).
  add(200, () => rpc("sendRawTransaction", ["group0", "", "0x" + Buffer.from(Array.from({ length: int(300) }, () => int(256))).toString("hex")], int(1e6)));
  // Bodies over the limit (still within what the server drains to answer 413).
  add(60, () => rpc("getCode", ["group0", "", "/" + "a".repeat(LIMIT + int(2 * LIMIT))]));
  return out;
}

function isError(x: unknown): boolean {
  const r = x as { jsonrpc?: unknown; id?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  return (
    typeof r === "object" && r !== null && r.jsonrpc === "2.0" && !("result" in r) &&
    (r.id === null || typeof r.id === "string" || typeof r.id === "number") &&
    Number.isInteger(r.error?.code) && typeof r.error?.message === "string"
  );
}

/** What the server must answer: one JSON-RPC error, or a non-empty array of them. (Checked without expect() per item: thousands of them are slow.) */
function allErrors(json: unknown): boolean {
  return Array.isArray(json) ? json.length > 0 && json.every(isError) : isError(json);
}

describe("malformed requests", () => {
  let server: RpcServer;
  let node: Node;
  const dir = mkdtempSync(join(tmpdir(), "weft-rpc-malformed-"));
  const internal: unknown[] = [];
  const requests = corpus(prng(20260101));

  beforeAll(async () => {
    node = await Node.open({ dataDir: dir });
    server = await startRpcServer(node, { port: 0, limits: { maxBodyBytes: LIMIT, maxWsMessageBytes: LIMIT, maxBatch: 10 }, onError: (e) => internal.push(e) });
  });
  afterAll(async () => {
    await server?.close();
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`answers ${requests.length} malformed HTTP requests with JSON-RPC errors or 413, then still serves`, async () => {
    expect(requests.length).toBeGreaterThan(2000);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const u = new URL(server.url);
    const send = (body: string | Buffer) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request({ host: u.hostname, port: u.port, path: "/", method: "POST", agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString() }));
        });
        req.on("error", reject);
        req.end(body);
      });
    let next = 0;
    const statuses = new Map<number, number>();
    const wrong: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < requests.length) {
          const body = requests[next++]!;
          const a = await send(body);
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          let json: unknown;
          try {
            json = JSON.parse(a.text);
          } catch {
            json = undefined;
          }
          if (![200, 413].includes(a.status) || !allErrors(json)) wrong.push(`${String(body).slice(0, 80)} → ${a.status} ${a.text.slice(0, 200)}`);
        }
      }),
    );
    agent.destroy();
    expect(wrong).toEqual([]);
    expect(statuses.get(413)).toBe(60);
    expect(statuses.get(200)).toBe(requests.length - 60);

    // Not HTTP at all: node's parser refuses it with a clean 400.
    const garbage = await new Promise<string>((resolve) => {
      const s = connect(Number(u.port), u.hostname, () => s.end("\x00\x01GARBAGE /\r\n\r\n"));
      let got = "";
      s.on("data", (d) => (got += d.toString()));
      s.on("close", () => resolve(got));
      s.on("error", () => resolve(got));
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);

    const ok = await fetch(server.url, { method: "POST", body: rpc("getBlockNumber", ["group0", ""]) }).then((r) => r.json());
    expect(ok).toEqual({ jsonrpc: "2.0", id: 1, result: 0 });
    expect(internal).toEqual([]);
  });

  it(`answers the same ${requests.length} over WebSocket, closes cleanly on protocol violations, then still serves`, async () => {
    let ws = await WsProbe.open(server.wsUrl);
    const wrong: string[] = [];
    for (const body of requests) {
      // Binary frames are read as UTF-8 text by the server, so random bytes are a parse error, not a protocol error.
      ws.send(body);
      const answer = await ws.next();
      if (!allErrors(answer)) wrong.push(`${String(body).slice(0, 80)} → ${JSON.stringify(answer).slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect(await ws.ask(rpc("getBlockNumber", ["group0", ""], 7))).toEqual({ jsonrpc: "2.0", id: 7, result: 0 });

    // A text frame that is not UTF-8 breaks the WebSocket protocol: the server closes with 1007, and only that socket.
    ws.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await ws.whenClosed()).toBe(1007);
    // A message beyond what the server will read at all: closed with 1009 (message too big).
    ws = await WsProbe.open(server.wsUrl);
    ws.send("x".repeat(4 * LIMIT + 1));
    expect(await ws.whenClosed()).toBe(1009);

    ws = await WsProbe.open(server.wsUrl);
    expect(await ws.ask(rpc("getGroupList", [], 8))).toMatchObject({ id: 8, result: { groupList: ["group0"] } });
    ws.close();
    expect(internal).toEqual([]);
  });
});
