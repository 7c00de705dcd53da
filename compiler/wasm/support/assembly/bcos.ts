// Host imports from module "bcos", with exactly the signatures of
// shared/design/fisco-compat.md. Nothing else is imported by the support
// library. Offsets and lengths are i32; the host never returns to the
// caller of `revert`.

@external("bcos", "getCallDataSize")
export declare function getCallDataSize(): i32;
@external("bcos", "getCallData")
export declare function getCallData(resultOff: usize): void;
@external("bcos", "finish")
export declare function finish(off: usize, len: u32): void;
@external("bcos", "revert")
export declare function revert(off: usize, len: u32): void;
@external("bcos", "setStorage")
export declare function setStorage(kOff: usize, kLen: u32, vOff: usize, vLen: u32): void;
@external("bcos", "getStorage")
export declare function getStorage(kOff: usize, kLen: u32, vOff: usize): i32;
@external("bcos", "getCaller")
export declare function getCaller(off: usize): i32;
@external("bcos", "getTxOrigin")
export declare function getTxOrigin(off: usize): i32;
@external("bcos", "getAddress")
export declare function getAddress(off: usize): i32;
@external("bcos", "getBlockNumber")
export declare function getBlockNumber(): i64;
@external("bcos", "getBlockTimestamp")
export declare function getBlockTimestamp(): i64;
@external("bcos", "log")
export declare function log(dOff: usize, dLen: u32, nTopics: i32, t1: usize, t2: usize, t3: usize, t4: usize): void;
@external("bcos", "call")
export declare function call(addrOff: usize, addrLen: u32, dataOff: usize, dataLen: u32): i32;
@external("bcos", "getReturnDataSize")
export declare function getReturnDataSize(): i32;
@external("bcos", "getReturnData")
export declare function getReturnData(off: usize): void;
@external("bcos", "getExternalCodeSize")
export declare function getExternalCodeSize(addrOff: usize, addrLen: u32): i32;
