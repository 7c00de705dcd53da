// Small helpers shared by the benchmarks: timing, medians, percentiles, tables.
/**
 * `runs` timings (ms) of `fn`, after a warm-up of at least `warmupMs` and at
 * least 10 calls: long enough for V8 to optimise the hot code, so that
 * "warm" means the steady state for every peer measured alike.
 */
export function time(fn: () => void, runs: number, warmupMs = 1000): number[] {
  const until = performance.now() + warmupMs;
  for (let i = 0; i < 10 || performance.now() < until; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
