// The in-memory test chain: for Weft's own tests and for users' contract
// tests. One transaction per block (blocks are sealed at once, like an
// automining development node); block numbers and timestamps advance by
// fixed steps from a fixed genesis time, so every run is the same.
import { Vm, InMemoryState, abi as vmAbi } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { collectSources, compile, renderText, type CompileOptions, type Crypto } from "../../compiler/index.ts";
import { readStd } from "../../stdlib/index.ts";
import { testAccount, TEST_ACCOUNT_NAMES, type Account } from "../accounts.ts";
import { makeReceipt, TransactionFailed, type Receipt } from "./receipt.ts";
import { Contract } from "./contract.ts";
import { genesisStatus, systemContracts } from "../precompiles/index.ts";

export interface TestChainOptions {
  crypto?: Crypto;
  /** Named accounts to create (default: alice, bob, carol, dave, erin, frank, grace, heidi). */
  accounts?: string[];
  /** Gas limit of each transaction (default 3,000,000,000). */
  gasLimit?: number;
  /** Genesis block time in ms since the epoch (default 2026-01-01T00:00:00Z). */
  genesisTime?: number;
  /** Milliseconds between blocks (default 1000). */
  blockInterval?: number;
}

export interface TxOptions {
  /** Sender: an account name or address (default: the first account). */
  from?: string;
  gasLimit?: number;
}

export interface DeployOptions extends TxOptions {
  /** Where the contract lives (default /apps/<name in lower case>, numbered when taken). */
  path?: string;
}

export interface Artifact {
  name: string;
  wasm: Uint8Array;
  abi: Abi;
}

/** Thrown by deploySource when the source does not compile; `message` has the rendered diagnostics. */
export class CompileFailed extends Error {
  readonly code = "COMPILE_FAILED";
}

/** Compilations are pure, so test suites that deploy the same source many times compile it once. */
const compiled = new Map<string, Artifact>();

/** The given sources plus the std modules they `use` (a std/….weft given by the caller wins). */
function withStd(sources: Record<string, string>): Record<string, string> {
  return { ...collectSources(Object.keys(sources), (p) => sources[p], readStd), ...sources };
}

function compileCached(given: Record<string, string>, contract: string, crypto: Crypto, optimize: boolean): Artifact {
  const key = JSON.stringify([given, contract, crypto, optimize]); // stdlib/ does not change while a process runs
  const hit = compiled.get(key);
  if (hit) return hit;
  const sources = withStd(given);
  const result = compile({ sources, crypto, optimize, contracts: [contract] });
  if (!result.ok) throw new CompileFailed(renderText(result.diagnostics, sources));
  const c = result.contracts.find((x) => x.name === contract);
  if (!c) throw new CompileFailed(`no contract named ${contract} in the sources`);
  const artifact: Artifact = { name: c.name, wasm: c.wasm, abi: c.abi as unknown as Abi };
  if (compiled.size >= 64) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, artifact);
  return artifact;
}

export class TestChain {
  readonly crypto: Crypto;
  readonly state = new InMemoryState();
  readonly vm: Vm;
  /** Named accounts: name → address. */
  readonly accounts: Record<string, string> = {};
  readonly receipts: Receipt[] = [];
  private readonly keys = new Map<string, Account>();
  private readonly gasLimit: number;
  private readonly genesisTime: number;
  private readonly blockInterval: number;
  private number = 0;

  private constructor(opts: TestChainOptions) {
    this.crypto = opts.crypto ?? "keccak";
    // The system contracts (/sys/status, /sys/crypto_tools, /sys/kv_storage) as on a node; the first account governs.
    this.vm = new Vm({ state: this.state, crypto: this.crypto, precompiles: systemContracts() });
    this.gasLimit = opts.gasLimit ?? 3_000_000_000;
    this.genesisTime = opts.genesisTime ?? Date.UTC(2026, 0, 1);
    this.blockInterval = opts.blockInterval ?? 1000;
    for (const name of opts.accounts ?? TEST_ACCOUNT_NAMES) {
      const a = testAccount(name, this.crypto);
      this.accounts[name] = a.address;
      this.keys.set(name, a);
    }
    const governors = Object.values(this.accounts).slice(0, 1);
    for (const [key, value] of genesisStatus(governors)) this.state.setStorage("/sys/status", key, value);
  }

  static async create(opts: TestChainOptions = {}): Promise<TestChain> {
    return new TestChain(opts);
  }

  get blockNumber(): number {
    return this.number;
  }

  /** The key pair of a named account. */
  account(name: string): Account {
    const a = this.keys.get(name);
    if (!a) throw new Error(`no test account named ${name}; the chain has ${Object.keys(this.accounts).join(", ")}`);
    return a;
  }

  /** An account name or an address → the address the VM sees. */
  resolveSender(from: string | undefined): string {
    if (from === undefined) return Object.values(this.accounts)[0] ?? "0".repeat(40);
    return this.accounts[from] ?? from;
  }

  /** Compiles `sources` with this chain's crypto and deploys one contract. */
  async deploySource(
    sources: string | Record<string, string>,
    contractName: string,
    args: unknown = [],
    opts: DeployOptions & Pick<CompileOptions, "optimize"> = {},
  ): Promise<Contract> {
    const srcs = typeof sources === "string" ? { "contract.weft": sources } : sources;
    return this.deploy(compileCached(srcs, contractName, this.crypto, opts.optimize ?? false), args, opts);
  }

  /** Deploys a compiled module (Weft's or any FISCO Wasm contract's) with constructor arguments. */
  async deploy(artifact: Artifact, args: unknown = [], opts: DeployOptions = {}): Promise<Contract> {
    const receipt = await this.deployRaw(artifact, vmAbi.encodeConstructorArgs(artifact.abi, args), opts);
    if (!receipt.ok) throw new TransactionFailed(receipt, `deploying ${artifact.name}`);
    return new Contract(this, receipt.contractAddress!, artifact.abi, artifact.name);
  }

  /** Deploys with constructor arguments already encoded; returns the receipt whatever happens. */
  async deployRaw(artifact: Artifact, ctorArgs: Uint8Array, opts: DeployOptions = {}): Promise<Receipt> {
    const address = opts.path ?? this.freePath(artifact.name);
    const block = this.nextBlock();
    const result = this.vm.deploy({
      address,
      code: artifact.wasm,
      ctorArgs,
      abi: artifact.abi,
      sender: this.resolveSender(opts.from),
      gasLimit: opts.gasLimit ?? this.gasLimit,
      block,
    });
    const receipt = makeReceipt(result, undefined, Number(block.number), (a) => this.state.getAbi(a), this.crypto);
    if (receipt.ok) receipt.contractAddress = address;
    this.receipts.push(receipt);
    return receipt;
  }

  /** Sends a transaction with raw input (selector ‖ SCALE args). */
  async sendRaw(to: string, input: Uint8Array, opts: TxOptions = {}, commit = true): Promise<Receipt> {
    const block = commit ? this.nextBlock() : this.pendingBlock();
    const fn = this.functionFor(to, input);
    const result = this.vm.call({ to, input, sender: this.resolveSender(opts.from), gasLimit: opts.gasLimit ?? this.gasLimit, block, commit });
    const receipt = makeReceipt(result, fn, Number(block.number), (a) => this.state.getAbi(a), this.crypto);
    if (commit) this.receipts.push(receipt);
    return receipt;
  }

  private functionFor(to: string, input: Uint8Array) {
    const abi = this.state.getAbi(to);
    if (!abi || input.length < 4) return undefined;
    return vmAbi.findBySelector(abi, "function", vmAbi.selectorToNumber(input), this.crypto);
  }

  private nextBlock() {
    this.number++;
    return this.pendingBlock();
  }

  /** The context a read-only call sees: the latest sealed block. */
  private pendingBlock() {
    const n = this.number;
    return { number: n, timestamp: this.genesisTime + n * this.blockInterval };
  }

  private freePath(name: string): string {
    const base = `/apps/${name.toLowerCase()}`;
    if (!this.state.getCode(base)) return base;
    for (let i = 2; ; i++) if (!this.state.getCode(`${base}_${i}`)) return `${base}_${i}`;
  }
}
