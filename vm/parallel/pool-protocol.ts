/**
 * What a task handler module for the pool's threads looks like (pool.ts):
 * it exports `handlers`, a map from task type to a function of the payload.
 * A handler returns its result, or `withTransfer(result, buffers)` to move
 * ArrayBuffers back instead of copying them. What it throws rejects that
 * task only (a VmError keeps its code); the thread lives on.
 */
export type TaskHandler = (payload: unknown) => unknown;

export interface HandlerModule {
  handlers: Record<string, TaskHandler>;
}

const TRANSFER = Symbol.for("weft.vm.pool.transfer");

export interface WithTransfer {
  [TRANSFER]: true;
  result: unknown;
  transfer: ArrayBuffer[];
}

export function withTransfer(result: unknown, transfer: ArrayBuffer[]): WithTransfer {
  return { [TRANSFER]: true, result, transfer };
}

export function isWithTransfer(v: unknown): v is WithTransfer {
  return typeof v === "object" && v !== null && (v as Partial<WithTransfer>)[TRANSFER] === true;
}

/** Messages between the pool and a thread. */
export interface TaskRequest {
  id: number;
  type: string;
  payload: unknown;
}

export type TaskReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string; code?: string };
