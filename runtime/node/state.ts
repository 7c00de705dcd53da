// The VM keeps the ChainState it was made with, while a node executes each
// block on a fresh BlockState over the committed state. This forwarding
// state lets one VM (with its compiled modules and warm instances) serve
// every block: the node points it at the block being executed.
import type { ChainState } from "../../vm/state.ts";
import type { Abi } from "../../vm/abi/types.ts";

export class ForwardingState implements ChainState {
  constructor(public target: ChainState) {}

  getStorage(address: string, key: Uint8Array, keyLatin1?: string): Uint8Array | undefined {
    return this.target.getStorage(address, key, keyLatin1);
  }
  setStorage(address: string, key: Uint8Array, value: Uint8Array | undefined, keyLatin1?: string): void {
    this.target.setStorage(address, key, value, keyLatin1);
  }
  getCode(address: string): Uint8Array | undefined {
    return this.target.getCode(address);
  }
  getCodeHash(address: string): string | undefined {
    return this.target.getCodeHash(address);
  }
  setCode(address: string, code: Uint8Array, codeHash: string): void {
    this.target.setCode(address, code, codeHash);
  }
  getAbi(address: string): Abi | undefined {
    return this.target.getAbi(address);
  }
  setAbi(address: string, abi: Abi): void {
    this.target.setAbi(address, abi);
  }
}
