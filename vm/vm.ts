/**
 * The VM: deploys and calls contracts against a ChainState. One transaction
 * at a time; nested `bcos.call`s run synchronously on a frame stack. Each
 * frame has its own gas counter: a call forwards all the caller has left and
 * takes back what the callee leaves. Frames share the transaction's storage
 * journal and log list; a failed frame's writes and logs are undone.
 */
import { toHex } from "./abi/hex.ts";
import { findBySelector } from "./abi/calls.ts";
import { decodeRevert, encodePanic } from "./abi/revert.ts";
import { selectorToNumber } from "./abi/selector.ts";
import type { Abi } from "./abi/types.ts";
import { chainHash, hashTypeOf, type ChainCrypto } from "./crypto.ts";
import { VmError, isVmError } from "./errors.ts";
import { Abort, EMPTY, StateFailure, classify, failed, fromState, gasExhaustedAt, type Frame, type Outcome } from "./frame.ts";
import { createHost, type HostEnv } from "./host.ts";
import { Journal } from "./journal.ts";
import { MessageContext } from "./message.ts";
import { runPrecompile, type PrecompileSet } from "./precompile.ts";
import { meterCode } from "./metering.ts";
import { CodeCache, InstancePool, type LoadedCode } from "./modules.ts";
import type { ChainState } from "./state.ts";
import { Reasons, Status, type Failure } from "./status.ts";
import type { CallMessage, DeployMessage, ExecResult, Log } from "./types.ts";

export interface VmOptions {
  state: ChainState;
  /** the chain's hash: 'keccak' (hash_type 0, default) or 'sm' (hash_type 1) */
  crypto?: ChainCrypto;
  /** frames on the call stack at most, the outermost included (default 128) */
  maxDepth?: number;
  /** share compiled code between VMs (default: a cache of this VM's own) */
  codeCache?: CodeCache;
  /** system contracts in TypeScript, by path (precompile.ts) */
  precompiles?: PrecompileSet;
}

/** Gas per byte of stored (metered) code. */
export const CODE_DEPOSIT_GAS = 20;
/** Weft's reentrancy refusal: Panic(0x52). */
export const PANIC_REENTRANCY = 0x52;

const utf8 = new TextEncoder();

export class Vm implements HostEnv {
  readonly state: ChainState;
  readonly crypto: ChainCrypto;
  readonly maxDepth: number;
  readonly codeCache: CodeCache;
  readonly precompiles: PrecompileSet;
  private readonly pool: InstancePool;
  private readonly frames: Frame[] = [];
  private readonly paths = new Map<string, Uint8Array>();
  private lastPath: string | undefined;
  private lastPathBytes: Uint8Array = EMPTY;
  private readonly reentrancyPanic: Uint8Array;
  private pendingAbi: { address: string; abi: Abi } | undefined;

  // per-transaction context, read by the host functions
  frame!: Frame;
  readonly journal: Journal;
  logs: Log[] = [];
  private readonly message: MessageContext;

  constructor(options: VmOptions) {
    this.state = options.state;
    this.crypto = options.crypto ?? "keccak";
    if (this.crypto !== "keccak" && this.crypto !== "sm") throw new VmError("VM_BAD_ARGUMENT", `crypto must be "keccak" or "sm", got ${String(this.crypto)}`);
    this.maxDepth = options.maxDepth ?? 128;
    if (!Number.isInteger(this.maxDepth) || this.maxDepth < 1) throw new VmError("VM_BAD_ARGUMENT", "maxDepth must be a positive integer");
    this.codeCache = options.codeCache ?? new CodeCache();
    this.precompiles = options.precompiles ?? new Map();
    this.pool = new InstancePool({ bcos: createHost(this) });
    this.reentrancyPanic = encodePanic(PANIC_REENTRANCY, this.crypto);
    this.journal = new Journal(this.state);
    this.message = new MessageContext(this.crypto);
  }

  get blockNumber(): bigint {
    return this.message.blockNumber;
  }

  get blockTimestamp(): bigint {
    return this.message.blockTimestamp;
  }

  get originBytes(): Uint8Array {
    return this.message.originBytes;
  }

  private get gasLimit(): bigint {
    return this.message.gasLimit;
  }

  /** Call `main` of the contract at msg.to with msg.input. Errors of the ChainState are thrown, not returned. */
  call(msg: CallMessage): ExecResult {
    try {
      return this.callTx(msg);
    } catch (e) {
      throw e instanceof StateFailure ? e.cause : e;
    }
  }

  /** Meter, validate and instantiate raw code, check hash_type, run `deploy`, store the metered code. */
  deploy(msg: DeployMessage): ExecResult {
    try {
      return this.deployTx(msg);
    } catch (e) {
      throw e instanceof StateFailure ? e.cause : e;
    }
  }

  private callTx(msg: CallMessage): ExecResult {
    this.begin(msg);
    if (typeof msg.to !== "string") throw new VmError("VM_BAD_ARGUMENT", "msg.to must be a contract address string");
    if (!(msg.input instanceof Uint8Array)) throw new VmError("VM_BAD_ARGUMENT", "msg.input must be a Uint8Array");
    const out = this.runFrame(msg.to, this.message.senderBytes, msg.input, "main", this.gasLimit);
    if (out.status === Status.OK && msg.commit !== false) this.journal.commit();
    return this.result(out);
  }

  private deployTx(msg: DeployMessage): ExecResult {
    this.begin(msg);
    const address = msg.address;
    if (typeof address !== "string" || address.length === 0) throw new VmError("VM_BAD_ARGUMENT", "msg.address must be a non-empty path");
    if (!(msg.code instanceof Uint8Array)) throw new VmError("VM_BAD_ARGUMENT", "msg.code must be a Uint8Array");
    const ctorArgs = msg.ctorArgs ?? EMPTY;
    if (this.state.getCodeHash(address) !== undefined || this.precompiles.has(address)) return this.result(this.failed(Reasons.addressInUse(address), address));
    let metered: Uint8Array;
    let loaded: LoadedCode;
    let hash: string;
    try {
      metered = meterCode(msg.code);
      hash = toHex(chainHash(this.crypto, metered));
      loaded = this.codeCache.load(hash, metered);
    } catch (e) {
      return this.result(this.failed(Reasons.invalidModule(e instanceof Error ? e.message : String(e)), address));
    }
    // until the code is stored, the reentrancy guard and revert decoding read the ABI from here
    this.pendingAbi = msg.abi ? { address, abi: msg.abi } : undefined;
    try {
      let out = this.runFrame(address, this.message.senderBytes, ctorArgs, "deploy", this.gasLimit, loaded);
      if (out.status === Status.OK) {
        const deposit = BigInt(CODE_DEPOSIT_GAS * metered.length);
        if (deposit > out.gasLeft) out = failed(Reasons.outOfGas(`code deposit of ${deposit} gas for ${metered.length} bytes`), address, 0n);
        else out.gasLeft -= deposit;
      }
      if (out.status === Status.OK && msg.commit !== false) {
        this.journal.commit();
        this.state.setCode(address, metered, hash);
        if (msg.abi) this.state.setAbi(address, msg.abi);
      }
      return { ...this.result(out), codeHash: hash };
    } finally {
      this.pendingAbi = undefined;
    }
  }

  /** How many instances were created (a measure of pool reuse). */
  get instantiations(): number {
    return this.pool.instantiations;
  }

  private begin(msg: CallMessage | DeployMessage): void {
    if (this.frames.length > 0) throw new VmError("VM_BAD_ARGUMENT", "a transaction is already running on this VM");
    if (!msg || typeof msg !== "object") throw new VmError("VM_BAD_ARGUMENT", "a message object is required");
    this.message.read(msg);
    this.journal.reset();
    if (this.logs.length > 0) this.logs = []; // result() hands the list over and leaves an empty one
  }

  private runFrame(address: string, callerBytes: Uint8Array, input: Uint8Array, entry: "main" | "deploy", gas: bigint, loaded?: LoadedCode): Outcome {
    if (!loaded) {
      const system = this.precompiles.size ? this.precompiles.get(address) : undefined;
      if (system) return entry === "main" ? runPrecompile(this, system, callerBytes, input, gas) : failed(Reasons.addressInUse(address), address, gas);
      let hash: string | undefined;
      try {
        hash = this.state.getCodeHash(address);
      } catch (e) {
        throw new StateFailure(e);
      }
      if (hash === undefined) return failed(Reasons.unknownAddress(address), address, gas);
      const code = this.codeCache.get(hash) ?? this.loadStored(address, hash, gas);
      if ("status" in code) return code;
      loaded = code;
    }
    if (this.frames.length >= this.maxDepth) return failed(Reasons.depth(this.maxDepth), address, gas);
    let slot;
    try {
      slot = this.pool.acquire(loaded);
    } catch (e) {
      return failed(Reasons.invalidModule(`cannot be instantiated: ${(e as Error).message}`), address, gas);
    }
    slot.sandbox.setGas(gas);
    const frame: Frame = { address, addressBytes: this.pathBytes(address), callerBytes, input, slot, output: EMPTY, returnData: EMPTY, zeroByHost: false };
    const checkpoint = this.journal.checkpoint();
    const logCount = this.logs.length;
    const parent = this.frame;
    this.frames.push(frame);
    this.frame = frame;
    let out: Outcome;
    try {
      if (entry === "deploy") {
        const hashType = slot.hashType();
        if (hashType !== hashTypeOf(this.crypto)) throw new Abort(Reasons.hashTypeMismatch(hashType, this.crypto));
        slot.deploy();
      } else {
        slot.main();
      }
      out = { status: Status.OK, output: frame.output, gasLeft: 0n };
    } catch (e) {
      // a ChainState error unwinds the whole transaction: reset and keep the instance all the same
      if (e instanceof StateFailure) this.pool.release(slot);
      out = classify(e, address);
    } finally {
      this.frames.pop();
      this.frame = parent;
    }
    out.gasLeft = slot.sandbox.getGas();
    if (out.status !== Status.OUT_OF_GAS && gasExhaustedAt(frame, out.gasLeft)) out = failed(Reasons.outOfGas("metered code"), address, out.gasLeft);
    this.pool.release(slot);
    if (out.status !== Status.OK) {
      this.journal.rollback(checkpoint);
      this.logs.length = logCount;
    }
    return out;
  }

  private loadStored(address: string, hash: string, gas: bigint): LoadedCode | Outcome {
    const code = fromState(() => this.state.getCode(address));
    if (!code) return failed(Reasons.unknownAddress(address), address, gas);
    try {
      return this.codeCache.load(hash, code);
    } catch (e) {
      return failed(Reasons.invalidModule(`stored code cannot be loaded: ${(e as Error).message}`), address, gas);
    }
  }

  /** A contract path as bytes, for getAddress/getCaller (cached: paths repeat, the last one most). */
  private pathBytes(address: string): Uint8Array {
    if (address === this.lastPath) return this.lastPathBytes;
    let b = this.paths.get(address);
    if (!b) {
      if (this.paths.size >= 4096) this.paths.clear();
      this.paths.set(address, (b = utf8.encode(address)));
    }
    this.lastPath = address;
    return (this.lastPathBytes = b);
  }

  /** bcos.call: the reentrancy guard, then a nested frame. */
  callContract(caller: Frame, to: string | undefined, input: Uint8Array, gas: bigint): Outcome {
    if (to === undefined) return failed(Reasons.unknownAddress("<address bytes are not UTF-8>"), caller.address, gas);
    if (this.frames.some((f) => f.address === to) && !this.allowsReentry(to, input)) {
      return { ...failed(Reasons.reentrant(to), to, gas), revertData: this.reentrancyPanic };
    }
    return this.runFrame(to, caller.addressBytes, input, "main", gas);
  }

  codeSize(address: string | undefined): number {
    if (address === undefined) return 0;
    // A system contract has no Wasm code, but it is there to be called.
    if (this.precompiles.has(address)) return 1;
    return fromState(() => this.state.getCode(address))?.length ?? 0;
  }

  private abiOf(address: string): Abi | undefined {
    if (this.pendingAbi?.address === address) return this.pendingAbi.abi;
    const system = this.precompiles.get(address);
    if (system) return system.abi;
    return fromState(() => this.state.getAbi(address));
  }

  private allowsReentry(address: string, input: Uint8Array): boolean {
    const abi = this.abiOf(address);
    if (!abi || input.length < 4) return false;
    try {
      return findBySelector(abi, "function", selectorToNumber(input), this.crypto)?.reentrant === true;
    } catch (e) {
      if (isVmError(e)) return false; // a malformed ABI entry counts as not reentrant
      throw e;
    }
  }

  private failed(f: Failure, address: string): Outcome {
    return failed(f, address, this.gasLimit);
  }

  private result(out: Outcome): ExecResult {
    const left = out.gasLeft;
    const gasUsed = out.status === Status.OUT_OF_GAS || left < 0n ? this.gasLimit : this.gasLimit - left;
    const ok = out.status === Status.OK;
    const r: ExecResult = { status: out.status, output: ok ? out.output : EMPTY, gasUsed: Number(gasUsed), logs: ok ? this.logs : [] };
    if (!ok) {
      r.message = out.message;
      if (out.failedAt !== undefined) r.failedAt = out.failedAt;
    }
    if (out.revertData) {
      r.revertData = out.revertData;
      const abi = out.failedAt === undefined ? undefined : this.abiOf(out.failedAt);
      r.revert = decodeRevert(out.revertData, this.crypto, abi);
    }
    this.logs = [];
    return r;
  }
}
