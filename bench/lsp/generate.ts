// A realistic, deterministic .weft file for bench:lsp: many contracts with
// enums, structs, state (scalars, maps, nested maps, arrays), events, errors
// and functions with bodies (loops, branches, requires, emits, internal and
// cross-contract calls through std::token), chosen by a seeded PRNG. The
// result has no diagnostics (bench/lsp.ts checks with analyze before it
// starts). One contract holds the edit site: a function body where the bench
// types, with a local `o` of a struct type for completion after `o.`.
import { prng } from "../parallel/workload.ts";

export interface Generated {
  text: string;
  lines: number;
  /** 0-based line of `return total;` in the edit site's body: edits are typed at its start. */
  editLine: number;
  /** 8: the column where the statement on editLine starts. */
  editColumn: number;
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** Function templates; `j` keeps names unique inside a contract. Each uses every local and parameter it declares. */
const FUNCTIONS: ((j: number, rand: () => number) => string[])[] = [
  (j, r) => [
    `    /// Adds \`amount\` to the caller's balance and records it.`,
    `    pub fn deposit${j}(amount: u256) {`,
    `        require(amount > ${Math.floor(r() * 100)}, "amount too small");`,
    `        self.balances[msg.sender] += amount;`,
    `        self.counter += 1;`,
    `        self.history.push(amount);`,
    `        emit Deposited(msg.sender, amount);`,
    `    }`,
  ],
  (j, r) => [
    `    /// Places an order of \`qty\` at \`price\`; returns its id.`,
    `    pub fn place${j}(qty: u32, price: u256, memo: string) -> u64 {`,
    `        require(qty <= self.limit, TooLarge(qty, self.limit));`,
    `        require(price >= ${Math.floor(r() * 1000)}, "price too low");`,
    `        let id = self.nextId;`,
    `        self.nextId = id + 1;`,
    `        self.orders[id] = Order { owner: msg.sender, qty: qty, price: price, phase: Phase::Open, memo: memo };`,
    `        emit Placed(id, msg.sender, qty, price);`,
    `        return id;`,
    `    }`,
  ],
  (j) => [
    `    /// Moves order \`id\` to its next phase; its owner or the admin only.`,
    `    pub fn advance${j}(id: u64) {`,
    `        require(id > 0 && id < self.nextId, Missing(id));`,
    `        let o = self.orders[id];`,
    `        require(o.owner == msg.sender || msg.sender == self.admin, NotAdmin(msg.sender));`,
    `        if o.phase == Phase::Open {`,
    `            self.orders[id].phase = Phase::Frozen;`,
    `            emit PhaseChanged(id, Phase::Frozen);`,
    `        } else if o.phase == Phase::Frozen {`,
    `            self.orders[id].phase = Phase::Closed;`,
    `            emit PhaseChanged(id, Phase::Closed);`,
    `        } else {`,
    `            revert Missing(id);`,
    `        }`,
    `    }`,
  ],
  (j, r) => [
    `    /// The value of the open orders with ids in [from, to).`,
    `    pub view fn sweep${j}(from: u64, to: u64) -> u256 {`,
    `        let mut total: u256 = 0;`,
    `        let mut seen: u32 = 0;`,
    `        for id in from..to {`,
    `            if self.orders.contains(id) && self.orders[id].phase == Phase::Open {`,
    `                total += self.orderValue(id);`,
    `                seen += 1;`,
    `            }`,
    `            if seen >= ${1 + Math.floor(r() * 50)} {`,
    `                break;`,
    `            }`,
    `        }`,
    `        return total;`,
    `    }`,
  ],
  (j) => [
    `    /// Pays \`amount\` of the contract's token units to \`to\`.`,
    `    pub fn pay${j}(to: address, amount: u256) -> bool {`,
    `        self.checkAdmin();`,
    `        let have = Fungible(self.token).balanceOf(self.address);`,
    `        require(have >= amount, Insufficient(have, amount));`,
    `        return Fungible(self.token).transfer(to, amount);`,
    `    }`,
  ],
  (j) => [
    `    /// Lets \`spender\` use up to \`amount\` of the caller's balance here.`,
    `    pub fn approve${j}(spender: address, amount: u256) {`,
    `        self.allowances[msg.sender][spender] = amount;`,
    `    }`,
    ``,
    `    /// Moves \`amount\` from \`from\` to \`to\` within the caller's allowance.`,
    `    pub fn move${j}(from: address, to: address, amount: u256) {`,
    `        let allowed = self.allowances[from][msg.sender];`,
    `        require(allowed >= amount, Insufficient(allowed, amount));`,
    `        self.allowances[from][msg.sender] = allowed - amount;`,
    `        let have = self.balances[from];`,
    `        require(have >= amount, Insufficient(have, amount));`,
    `        self.balances[from] = have - amount;`,
    `        self.balances[to] += amount;`,
    `    }`,
  ],
  (j, r) => [
    `    /// Stores the hash of \`data\` under \`name\` and returns it.`,
    `    pub fn label${j}(name: string, data: bytes) -> bytes32 {`,
    `        let digest = ${pick(r, ["keccak256", "sm3", "hash", "sha256"])}(data);`,
    `        self.labels[name] = digest;`,
    `        return digest;`,
    `    }`,
  ],
  (j, r) => [
    `    /// The sum of the last \`n\` deposits (fewer if there are not as many).`,
    `    pub view fn recent${j}(n: u32) -> u256 {`,
    `        let len = self.history.length;`,
    `        let mut start: u32 = 0;`,
    `        if n < len {`,
    `            start = len - n;`,
    `        }`,
    `        let mut sum: u256 = 0;`,
    `        for i in start..len {`,
    `            sum += self.history[i] % ${2 + Math.floor(r() * 1000)};`,
    `        }`,
    `        return sum;`,
    `    }`,
  ],
];

function contract(i: number, rand: () => number, withEditSite: boolean, out: string[]): number {
  const lines: string[] = [
    `/// Ledger ${i}: balances, orders and labels for member ${i} of the consortium.`,
    `contract Ledger${i} {`,
    `    enum Phase { Open, Frozen, Closed }`,
    ``,
    `    /// An order placed by \`owner\`.`,
    `    struct Order {`,
    `        owner: address,`,
    `        qty: u32,`,
    `        price: u256,`,
    `        phase: Phase,`,
    `        memo: string,`,
    `    }`,
    ``,
    `    state admin: address;`,
    `    state token: address;`,
    `    state counter: u256;`,
    `    state nextId: u64;`,
    `    state limit: u32;`,
    `    state balances: map<address, u256>;`,
    `    state allowances: map<address, map<address, u256>>;`,
    `    state orders: map<u64, Order>;`,
    `    state history: u256[];`,
    `    state labels: map<string, bytes32>;`,
    ``,
    `    event Deposited(indexed who: address, amount: u256);`,
    `    event Placed(indexed id: u64, indexed owner: address, qty: u32, price: u256);`,
    `    event PhaseChanged(indexed id: u64, phase: Phase);`,
    ``,
    `    error NotAdmin(who: address);`,
    `    error TooLarge(qty: u32, limit: u32);`,
    `    error Missing(id: u64);`,
    ``,
    `    init(limit: u32, token: address) {`,
    `        self.admin = msg.sender;`,
    `        self.limit = limit;`,
    `        self.token = token;`,
    `        self.nextId = 1;`,
    `    }`,
    ``,
    `    fn checkAdmin() {`,
    `        require(msg.sender == self.admin, NotAdmin(msg.sender));`,
    `    }`,
    ``,
    `    /// The value of order \`id\`: quantity × price.`,
    `    pub view fn orderValue(id: u64) -> u256 {`,
    `        let o = self.orders[id];`,
    `        return o.qty as u256 * o.price;`,
    `    }`,
  ];
  let editLine = -1;
  if (withEditSite) {
    lines.push(``, `    /// Where bench:lsp types.`, `    pub fn edit(id: u64) -> u256 {`, `        let o = self.orders[id];`, `        let total = o.qty as u256 + o.price;`);
    editLine = out.length + lines.length;
    lines.push(`        return total;`, `    }`);
  }
  // every template at least once (so every declaration is used), then random ones up to ~150 lines
  const order = FUNCTIONS.map((_, k) => k);
  let j = 0;
  while (lines.length < 140 || j < order.length) {
    const k = j < order.length ? order[j]! : Math.floor(rand() * FUNCTIONS.length);
    lines.push(``, ...FUNCTIONS[k]!(j, rand));
    j++;
  }
  lines.push(`}`, ``);
  out.push(...lines);
  return editLine;
}

/** About `targetLines` lines (never fewer) of Weft in contracts Ledger0, Ledger1, …; the edit site is in the middle contract. */
export function generate(targetLines = 3000, seed = 1): Generated {
  const rand = prng(seed);
  const out: string[] = [
    `// Generated by bench/lsp/generate.ts (seed ${seed}): a large workspace file for the language server benchmark.`,
    `use std::token::{Fungible, Insufficient};`,
    ``,
  ];
  const perContract = 150; // the base declarations and one of each function template, as contract() writes them
  const count = Math.max(1, Math.ceil(targetLines / perContract));
  let editLine = -1;
  for (let i = 0; i < count || out.length < targetLines; i++) {
    const line = contract(i, rand, i === Math.floor(count / 2), out);
    if (line >= 0) editLine = line;
  }
  const text = out.join("\n");
  return { text, lines: out.length, editLine, editColumn: 8 };
}
