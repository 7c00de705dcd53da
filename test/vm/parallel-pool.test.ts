// vm/parallel's worker pool: tasks by type from handler modules, a handler's
// error fails that task only, and a thread that dies fails what it held with
// VM_WORKER_FAILED and is replaced (generation counts it).
import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool, VmError } from "../../vm/index.ts";

const pool = new WorkerPool({ size: 2, modules: [new URL("./parallel/handlers.ts", import.meta.url)] });
afterAll(async () => {
  await pool.close();
});

describe("WorkerPool", () => {
  it("runs tasks of the handler modules on its threads", async () => {
    expect(await pool.run("test.echo", { a: 1 })).toEqual({ echoed: { a: 1 } });
    const sums = await Promise.all([0, 1, 0, 1].map((w, i) => pool.run<number>("test.sum", [i, 10], [], w)));
    expect(sums).toEqual([10, 11, 12, 13]);
  });

  it("fails only the task whose handler throws, and an unknown type", async () => {
    await expect(pool.run("test.throw", 7)).rejects.toThrow("refused 7");
    await expect(pool.run("test.nope", 1)).rejects.toThrow();
    expect(await pool.run("test.sum", [1, 2])).toBe(3);
  });

  it("fails the work of a thread that dies with VM_WORKER_FAILED and replaces the thread", async () => {
    const before = pool.generation(1);
    const err = await pool.run("test.die", null, [], 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VmError);
    expect((err as VmError).code).toBe("VM_WORKER_FAILED");
    expect(pool.generation(1)).toBe(before + 1);
    expect(await pool.run("test.sum", [2, 3], [], 1)).toBe(5);
  });

  it("gives tasks to the thread that is free, not the one that was least busy when they came", async () => {
    const idOf = (w: number) => pool.run<number>("test.thread", null, [], w);
    const [t0, t1] = [await idOf(0), await idOf(1)];
    const done: string[] = [];
    // thread 0 is held; six untargeted tasks: dealt out up front, half would wait behind the sleep
    const sleep = pool.run("test.sleep", 300, [], 0).then(() => done.push("sleep"));
    const ran = await Promise.all(Array.from({ length: 6 }, () => pool.run<number>("test.thread", null).then((id) => (done.push("task"), id))));
    await sleep;
    expect(ran.filter((id) => id === t1).length).toBeGreaterThanOrEqual(5); // at most one went to thread 0 before it was full
    expect(done.indexOf("sleep")).toBeGreaterThanOrEqual(5);
    expect(t0).not.toBe(t1);
  });

  it("fails queued tasks when it closes", async () => {
    const p = new WorkerPool({ size: 1, modules: [new URL("./parallel/handlers.ts", import.meta.url)] });
    const held = [p.run("test.sleep", 100), p.run("test.sleep", 100)].map((x) => x.catch((e: unknown) => e));
    const queued = p.run("test.sum", [1, 2]).catch((e: unknown) => e);
    await p.close();
    expect(await queued).toMatchObject({ code: "VM_WORKER_FAILED" });
    await Promise.all(held);
  });

  it("refuses work once closed", async () => {
    const p = new WorkerPool({ size: 1, modules: [new URL("./parallel/handlers.ts", import.meta.url)] });
    await p.close();
    await expect(p.run("test.sum", [1])).rejects.toMatchObject({ code: "VM_WORKER_FAILED" });
  });
});
