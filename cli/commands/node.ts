// `weft node`: run a chain on this machine — LevelDB in --data, a solo
// sealer, JSON-RPC over HTTP and WebSocket. Ctrl-C (SIGINT) or SIGTERM shuts
// down cleanly: the block being sealed is finished and written first.
import { resolve } from "node:path";
import { Node } from "../../runtime/node/node.ts";
import { startRpcServer } from "../../runtime/rpc/index.ts";
import { ChainError } from "../../runtime/chain/errors.ts";
import { EXIT_DIAGNOSTICS, EXIT_OK, UsageError, type Io } from "../usage.ts";
import { parseCommandArgs, type Command } from "./command.ts";

const help = `Usage: weft node [--data dir] [--crypto ecdsa|sm] [--host h] [--port n] [options]

Runs a Weft chain node: blocks and state in LevelDB under --data (created
with a new chain when empty; an existing chain keeps its suite and ids),
a solo sealer, JSON-RPC 2.0 over HTTP and WebSocket (docs/rpc.md).

Options:
  --data <dir>            the node's folder (default: ./.weft/node)
  --crypto <suite>        for a new chain: ecdsa (secp256k1 + keccak, default) or sm (SM2 + SM3)
  --chain-id <id>         for a new chain (default chain0)
  --group-id <id>         for a new chain (default group0)
  --host <host>           address to listen on (default 127.0.0.1)
  --port <n>              port for HTTP and WebSocket (default 20200; 0 picks one)
  --seal-delay <ms>       let transactions gather this long before sealing (default 0)
  --empty-blocks <ms>     seal an empty block at this interval when idle (default: never)
  --workers <n>           threads that verify signatures and execute blocks in parallel
                          (default: one per CPU, at most 4; 0: all on the main thread)
  --serial                execute blocks on the main thread, one transaction after another
                          (signatures are still verified on the worker threads)
  --json                  print where it listens (and the node's pid) as one JSON line
  -h, --help              show this help

Stop it with Ctrl-C. Exit code: 0 after a clean stop, 1 if the node cannot start, 2 usage error.
The node runs in a second process started with V8 heap flags that keep block
execution fast (--max-semi-space-size=64 --no-allocation-site-pretenuring), unless
NODE_OPTIONS or node's own options set a semi-space size; WEFT_NO_RELAUNCH=1 keeps
it in this process.
`;

function int(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, not \`${v}\``, "node");
  return n;
}

export const nodeCommand: Command = {
  name: "node",
  async run(argv: string[], io: Io) {
    const { values, positionals } = parseCommandArgs(argv, {
      data: { type: "string" },
      crypto: { type: "string" },
      "chain-id": { type: "string" },
      "group-id": { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      "seal-delay": { type: "string" },
      "empty-blocks": { type: "string" },
      workers: { type: "string" },
      serial: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(help);
      return EXIT_OK;
    }
    if (positionals.length) throw new UsageError(`unexpected argument \`${positionals[0]}\``, "node");
    if (values.crypto !== undefined && values.crypto !== "ecdsa" && values.crypto !== "sm") {
      throw new UsageError(`--crypto must be ecdsa or sm, not \`${values.crypto}\``, "node");
    }
    const dataDir = resolve(io.cwd, values.data ?? ".weft/node");
    const port = int(values.port, "port", 20200);
    const workers = values.workers === undefined ? undefined : int(values.workers, "workers", 0);
    if (workers !== undefined && workers > 64) throw new UsageError(`--workers must be at most 64`, "node");
    if (port > 65535) throw new UsageError(`--port must be at most 65535`, "node");
    let node: Node;
    const started = performance.now();
    try {
      node = await Node.open({
        dataDir,
        ...(values.crypto ? { crypto: values.crypto as "ecdsa" | "sm" } : {}),
        ...(values["chain-id"] ? { chainId: values["chain-id"] } : {}),
        ...(values["group-id"] ? { groupId: values["group-id"] } : {}),
        sealDelay: int(values["seal-delay"], "seal-delay", 0),
        emptyBlockInterval: int(values["empty-blocks"], "empty-blocks", 0),
        ...(workers !== undefined ? { workers } : {}),
        ...(values.serial ? { serialExecution: true } : {}),
      });
    } catch (e) {
      if (e instanceof ChainError) {
        io.err(`error[${e.code}]: ${e.message}\n`);
        return EXIT_DIAGNOSTICS;
      }
      throw e;
    }
    let server;
    try {
      server = await startRpcServer(node, { host: values.host ?? "127.0.0.1", port });
    } catch (e) {
      await node.close();
      io.err(`error: cannot listen on ${values.host ?? "127.0.0.1"}:${port}: ${(e as Error).message}\n`);
      return EXIT_DIAGNOSTICS;
    }
    // Handlers first: a client that reads the "listening" line may signal at once.
    const stopped = new Promise<void>((done) => {
      let watch: NodeJS.Timeout | undefined;
      const stop = () => {
        clearInterval(watch);
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        done();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      // Started by bin/relaunch.js: if the launcher dies without passing a
      // signal on (SIGKILL), stop as on Ctrl-C instead of running on,
      // orphaned, holding the port and the data folder.
      const launcher = Number(process.env.WEFT_PARENT_PID);
      if (launcher) {
        watch = setInterval(() => {
          if (process.ppid !== launcher) stop();
        }, 1000).unref();
      }
    });
    const info = node.getGroupInfo();
    if (values.json) {
      io.out(JSON.stringify({ url: server.url, wsUrl: server.wsUrl, dataDir, pid: process.pid, ...info }) + "\n");
    } else {
      io.out(
        `weft node: ${info.crypto} chain "${info.chainID}", group "${info.groupID}", block ${info.blockNumber}` +
          ` (opened in ${(performance.now() - started).toFixed(0)} ms)\n` +
          `  data      ${dataDir}\n  http      ${server.url}\n  websocket ${server.wsUrl}\n` +
          `Press Ctrl-C to stop.\n`,
      );
    }
    await stopped;
    io.out(values.json ? "" : "weft node: stopping…\n");
    await server.close();
    await node.close();
    if (!values.json) io.out(`weft node: stopped at block ${node.getBlockNumber()}\n`);
    return EXIT_OK;
  },
};
