// The TypeScript part of a pool thread: load the handler modules named in
// workerData, then answer tasks in the order they arrive (pool-protocol.ts).
import { parentPort, workerData } from "node:worker_threads";
import { isVmError } from "../errors.ts";
import { isWithTransfer, type HandlerModule, type TaskHandler, type TaskReply, type TaskRequest } from "./pool-protocol.ts";

const handlers = new Map<string, TaskHandler>();
for (const url of (workerData as { modules: string[] }).modules) {
  const mod = (await import(url)) as Partial<HandlerModule>;
  for (const [type, fn] of Object.entries(mod.handlers ?? {})) handlers.set(type, fn);
}

parentPort!.on("message", async (req: TaskRequest) => {
  const handler = handlers.get(req.type);
  let reply: TaskReply;
  let transfer: ArrayBuffer[] = [];
  try {
    if (!handler) throw new Error(`no handler for task type "${req.type}" (modules: ${(workerData as { modules: string[] }).modules.join(", ")})`);
    let result = handler(req.payload);
    if (result instanceof Promise) result = await result;
    if (isWithTransfer(result)) {
      transfer = result.transfer;
      result = result.result;
    }
    reply = { id: req.id, ok: true, result };
  } catch (e) {
    reply = { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
    if (isVmError(e)) reply.code = e.code;
  }
  parentPort!.postMessage(reply, transfer);
});
