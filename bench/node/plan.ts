// The workload both nodes run, and what it must leave behind: N transfers of
// one token each from `senders` accounts (sender s sends a contiguous range;
// every sender but the deployer is funded with `funding` first) to 100
// recipients in turn.

export interface Plan {
  /** Per transaction index: who sends it, to which recipient. */
  transfers: { sender: number; recipient: number }[];
  /** Per sender: the transaction indices [from, to) it sends. */
  ranges: [number, number][];
  /** Tokens the deployer gives each other sender first. */
  funding: bigint;
}

export function plan(n: number, senders: number, recipients: number): Plan {
  const ranges: [number, number][] = Array.from({ length: senders }, (_, s) => [Math.floor((s * n) / senders), Math.floor(((s + 1) * n) / senders)]);
  const transfers: Plan["transfers"] = [];
  ranges.forEach(([from, to], sender) => {
    for (let i = from; i < to; i++) transfers.push({ sender, recipient: i % recipients });
  });
  return { transfers, ranges, funding: BigInt(Math.ceil(n / senders)) };
}

/**
 * The same shape with the senders interleaved: transaction i goes from
 * sender i % senders to recipient i % recipients, so that consecutive
 * transactions (one block) touch different accounts wherever the counts
 * allow — the workload for parallel execution.
 */
export function interleaved(n: number, senders: number, recipients: number): Plan {
  const transfers = Array.from({ length: n }, (_, i) => ({ sender: i % senders, recipient: i % recipients }));
  const ranges: [number, number][] = Array.from({ length: senders }, () => [0, 0]);
  return { transfers, ranges, funding: BigInt(Math.ceil(n / senders)) };
}

/** Balances after the run: the senders (deployer first), then the recipients. */
export function expectedBalances(p: Plan, supply: bigint, senders: number, recipients: number): bigint[] {
  const out = [supply - p.funding * BigInt(senders - 1), ...Array.from({ length: senders - 1 }, () => p.funding), ...Array.from({ length: recipients }, () => 0n)];
  for (const t of p.transfers) {
    out[t.sender]! -= 1n;
    out[senders + t.recipient]! += 1n;
  }
  return out;
}

/** Deals bodies out to `lanes` connections in turn. */
export function deal<T>(items: T[], lanes: number): T[][] {
  const out: T[][] = Array.from({ length: lanes }, () => []);
  items.forEach((x, i) => out[i % lanes]!.push(x));
  return out;
}
