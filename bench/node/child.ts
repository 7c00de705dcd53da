// A node under test as a child process: started, read until it says where it
// listens, and stopped (SIGTERM, then SIGKILL if it lingers).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export interface Child {
  /** The value `ready` picked out of the first stdout line it accepted. */
  ready: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** What the child wrote last goes to stderr; the message gets its last error line (or last line). */
function tail(name: string, lines: string[]): string {
  const last = lines.filter((l) => l.trim() !== "").slice(-15);
  if (last.length) process.stderr.write(`  [${name}, last lines]\n${last.map((l) => `    ${l}`).join("\n")}\n`);
  return ([...last].reverse().find((l) => /error/i.test(l)) ?? last.at(-1) ?? "no output").trim();
}

export function startChild(
  command: string,
  args: string[],
  opts: { name: string; cwd: string; env?: NodeJS.ProcessEnv; ready: (line: string) => string | null; timeoutMs?: number },
): Promise<Child> {
  const proc = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let found: string | null = null;
    let partial = "";
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${opts.name} did not say it was listening within ${opts.timeoutMs ?? 60_000} ms: ${tail(opts.name, output)}`));
    }, opts.timeoutMs ?? 60_000);
    proc.stdout!.on("data", (chunk: Buffer) => {
      const lines = (partial + chunk.toString("utf8")).split("\n");
      partial = lines.pop()!;
      for (const line of lines) {
        if (output.length < 1000) output.push(line);
        if (found === null && (found = opts.ready(line)) !== null) {
          clearTimeout(timer);
          resolve({ ready: found, proc, stop });
        }
      }
    });
    proc.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output.push(...text.trimEnd().split("\n"));
      if (found !== null) process.stderr.write(`  [${opts.name}] ${text}`);
    });
    proc.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    proc.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (found === null) reject(new Error(`${opts.name} exited (${signal ?? code}) before listening: ${tail(opts.name, output)}`));
    });
  });
}

/**
 * CPU time a process has used so far, in ms (Linux /proc, clock ticks of
 * 10 ms): all its threads, and its main thread alone; null elsewhere.
 */
export function cpuTime(pid: number): { process: number; main: number } | null {
  const ms = (stat: string) => {
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * 10; // utime, stime
  };
  try {
    return { process: ms(readFileSync(`/proc/${pid}/stat`, "utf8")), main: ms(readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8")) };
  } catch {
    return null;
  }
}
