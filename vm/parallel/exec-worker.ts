/**
 * The "vm.exec" task on a pool thread: apply the cache updates of a batch,
 * run its calls on this thread's VM against the replica (worker-state.ts),
 * and answer per transaction with the result and what it read and wrote,
 * or with what it missed, or that the calling thread must run it.
 *
 * Handed back, besides precompiles and misuse: results this thread could
 * reach differently from the calling thread — a JS stack that ran out (its
 * size differs per thread), an internal error, a module that failed to
 * compile or instantiate here.
 */
import { Vm } from "../vm.ts";
import { Reasons, Status } from "../status.ts";
import type { ExecResult } from "../types.ts";
import { ByteReader, ByteWriter } from "./bytes.ts";
import { Kind, NONE, ReplyNames, textInt, type BatchMessage, type FailureDetail, type ResultMessage } from "./exec-wire.ts";
import type { BlockContext } from "../types.ts";
import { withTransfer } from "./pool-protocol.ts";
import { CacheState, Miss } from "./worker-state.ts";

const state = new CacheState();
const names = new ReplyNames(state.nameIds);
let vm: Vm | undefined;
let vmKey = "";
/** the block and gas limit of the last batch, kept while the same (the VM then skips its checks) */
let blockText = "";
let block: BlockContext = { number: 0, timestamp: 0 };
let gasText = "";
let gasLimit: number | bigint = 0;
const out = new ByteWriter(1 << 16);
/** result buffers the calling thread gave back */
const spare: ArrayBuffer[] = [];
const STACK_EXHAUSTED = Reasons.stackExhausted().message;

/** The batch's settings: this thread's VM for them, and the block and gas limit. */
function configure(r: ByteReader): Vm {
  const crypto = r.u8() === 1 ? "sm" : "keccak";
  const maxDepth = r.u32();
  const key = `${crypto}/${maxDepth}`;
  if (!vm || key !== vmKey) {
    vm = new Vm({ state, crypto, maxDepth });
    vmKey = key;
  }
  const number = r.str();
  const timestamp = r.str();
  if (`${number}/${timestamp}` !== blockText) {
    blockText = `${number}/${timestamp}`;
    block = { number: textInt(number), timestamp: textInt(timestamp) };
  }
  const gas = r.str();
  if (gas !== gasText) gasLimit = textInt((gasText = gas));
  return vm;
}

function mustHandBack(r: ExecResult): boolean {
  return r.status === Status.UNKNOWN || r.status === Status.WASM_VALIDATION_FAILURE || (r.status === Status.WASM_TRAP && r.message === STACK_EXHAUSTED);
}

function exec(msg: BatchMessage): unknown {
  for (const b of msg.back) if (b.byteLength >= out.buf.length) spare.push(b);
  const r = new ByteReader(msg.buf);
  if (r.u8() & 1) state.clear();
  state.apply(r.bytesView());
  const machine = configure(r);
  const n = r.u32();
  const strs = state.names;
  names.clear();
  const details: FailureDetail[] = [];
  out.clear();
  out.u32(n);
  // the table (index, kind, offset) is filled in as records are written after it
  out.room(12 * n);
  out.length += 12 * n;
  for (let t = 0; t < n; t++) {
    const index = r.u32();
    const sender = strs[r.u32()]!;
    const originIdx = r.u32();
    const to = strs[r.u32()]!;
    const input = r.bytesView();
    const entry = 4 + 12 * t;
    out.view.setUint32(entry, index, true);
    out.view.setUint32(entry + 8, out.length, true);
    state.beginTx();
    let kind: number;
    try {
      const result = machine.call(originIdx === NONE ? { to, input, sender, gasLimit, block } : { to, input, sender, origin: strs[originIdx]!, gasLimit, block });
      kind = mustHandBack(result) ? Kind.HandBack : writeDone(result, details);
    } catch (e) {
      if (e instanceof Miss) {
        kind = e.key ? Kind.MissKey : Kind.MissCode;
        out.u32(names.of(e.address));
        if (e.key) out.bytes(e.key);
      } else kind = Kind.HandBack; // HandBack, or anything else: the calling thread will meet it too
    }
    out.view.setUint32(entry + 4, kind, true);
  }
  const reply: ResultMessage = { buf: out.detach(spare.pop()), req: msg.buf, strs: names.list, details };
  return withTransfer(reply, [reply.buf, reply.req]);
}

function writeDone(res: ExecResult, details: FailureDetail[]): number {
  out.u32(state.nReads);
  for (let i = 0; i < state.nReads; i++) {
    out.u32(state.reads[i]!.id);
    out.maybeBytes(state.readValues[i]);
  }
  out.u32(state.nWrites);
  for (let i = 0; i < state.nWrites; i++) {
    out.u32(state.writes[i]!.id);
    out.maybeBytes(state.writeValues[i]);
  }
  out.u8(res.status);
  out.f64(res.gasUsed);
  out.bytes(res.output);
  out.maybeBytes(res.revertData);
  out.u32(res.logs.length);
  for (const log of res.logs) {
    out.u32(names.of(log.address));
    out.u8(log.topics.length);
    for (const t of log.topics) out.raw(t);
    out.bytes(log.data);
  }
  if (res.message === undefined && res.failedAt === undefined) out.u32(NONE);
  else {
    out.u32(details.length);
    const d: FailureDetail = {};
    if (res.message !== undefined) d.message = res.message;
    if (res.failedAt !== undefined) d.failedAt = res.failedAt;
    details.push(d);
  }
  return Kind.Done;
}

export const handlers = {
  "vm.exec": (payload: unknown) => exec(payload as BatchMessage),
};
