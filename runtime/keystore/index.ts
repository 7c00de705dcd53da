// runtime/keystore: encrypted private keys on disk (README.md has the format).
export { encryptKey, decryptKey, DEFAULT_SCRYPT, type EncryptOptions, type UnlockedKey } from "./keystore.ts";
export { parseKeystore, KEYSTORE_VERSION, type KeystoreJson, type ScryptParams, type CipherName } from "./format.ts";
export { defaultKeystoreDir, keystorePath, writeKeystore, listKeystores, findKeystore, unlockKeystoreFile, type KeystoreEntry } from "./files.ts";
