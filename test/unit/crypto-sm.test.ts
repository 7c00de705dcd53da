// The sm suite: SM3 and SM2 against the standard's worked example and
// against sm-crypto, in both directions, and its refusals.
import { describe, expect, it } from "vitest";
import smCrypto from "sm-crypto";
import { getSuite } from "../../runtime/crypto/index.ts";
import { bigTo32, fromHex, toHex } from "../../runtime/crypto/bytes.ts";
import { SM2 } from "../../runtime/crypto/curves.ts";
import { messageHash, signWithNonce, sm2PublicKeyOf, sm2Sign, sm2Verify, verifyWithNoble, za } from "../../runtime/crypto/sm2.ts";

const sm = getSuite("sm");
const utf8 = new TextEncoder();
const smCryptoOpts = { hash: true, der: false } as const; // userId: its default, "1234567812345678"

describe("SM3", () => {
  it("gives the GB/T 32905 example digests and agrees with sm-crypto", () => {
    expect(toHex(sm.hash(utf8.encode("abc")))).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    const abcd16 = utf8.encode("abcd".repeat(16));
    expect(toHex(sm.hash(abcd16))).toBe("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    for (const len of [0, 1, 55, 56, 64, 65, 200]) {
      const data = new Uint8Array(len).map((_, i) => (i * 37 + len) & 0xff);
      expect(toHex(sm.hash(data))).toBe(smCrypto.sm3(Array.from(data)));
    }
  });
});

describe("SM2, GB/T 32918.5-2017 Annex C example (recommended curve, ID 1234567812345678)", () => {
  // The example of GM/T 0003.5-2012 / GB/T 32918.5 on the recommended curve, message "message digest".
  const d = fromHex("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8");
  const pub = "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020" + "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13";
  const k = 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n;
  const r = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3";
  const s = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA";
  const msg = utf8.encode("message digest");

  it("derives the public key, Z_A and e", () => {
    expect(toHex(sm2PublicKeyOf(d))).toBe(pub.toLowerCase());
    expect(toHex(za(fromHex(pub)))).toBe("b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3");
    expect(messageHash(msg, fromHex(pub)).toString(16)).toBe("f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640");
  });

  it("signs with the example's k to the example's (r, s), which all three verifiers accept", () => {
    const sig = signWithNonce(messageHash(msg, fromHex(pub)), BigInt("0x" + toHex(d)), k);
    expect(sig && toHex(bigTo32(sig.r))).toBe(r.toLowerCase());
    expect(sig && toHex(bigTo32(sig.s))).toBe(s.toLowerCase());
    const rs = fromHex(r + s);
    expect(sm2Verify(msg, rs, fromHex(pub))).toBe(true);
    expect(verifyWithNoble(msg, rs, fromHex(pub))).toBe(true);
    expect(smCrypto.sm2.doVerifySignature("message digest", r + s, "04" + pub, smCryptoOpts)).toBe(true);
    expect(sm2Verify(utf8.encode("message digesT"), rs, fromHex(pub))).toBe(false);
  });
});

describe("sm suite", () => {
  it("signs deterministically as r ‖ s ‖ public key, and recovers the key", () => {
    const { privateKey, publicKey } = sm.generateKeyPair();
    const digest = sm.hash(utf8.encode("a transaction"));
    const sig = sm.sign(digest, privateKey);
    expect(sig.length).toBe(128);
    expect(toHex(sig.subarray(64))).toBe(toHex(publicKey));
    expect(toHex(sm.sign(digest, privateKey))).toBe(toHex(sig));
    expect(toHex(sm.recover(digest, sig)!)).toBe(toHex(publicKey));
    expect(sm.addressOf(publicKey)).toMatch(/^[0-9a-fA-F]{40}$/);
  });

  it("agrees with sm-crypto both ways on random keys and digests", () => {
    for (let i = 0; i < 8; i++) {
      const { privateKey, publicKey } = sm.generateKeyPair();
      const pubHex = "04" + toHex(publicKey);
      expect(smCrypto.sm2.getPublicKeyFromPrivateKey(toHex(privateKey))).toBe(pubHex);
      const digest = sm.hash(Uint8Array.of(i, 1, 2, 3));
      const ours = sm.sign(digest, privateKey);
      expect(smCrypto.sm2.doVerifySignature(Array.from(digest), toHex(ours.subarray(0, 64)), pubHex, smCryptoOpts)).toBe(true);
      const theirs = smCrypto.sm2.doSignature(Array.from(digest), toHex(privateKey), { ...smCryptoOpts, publicKey: pubHex });
      const sig = new Uint8Array([...fromHex(theirs.padStart(128, "0")), ...publicKey]);
      expect(toHex(sm.recover(digest, sig)!)).toBe(toHex(publicKey));
      expect(verifyWithNoble(digest, sig.subarray(0, 64), publicKey)).toBe(true);
    }
  });

  it("refuses tampered digests, signatures and keys, and malformed input, without throwing", () => {
    const { privateKey, publicKey } = sm.generateKeyPair();
    const digest = sm.hash(utf8.encode("pay 10"));
    const sig = sm.sign(digest, privateKey);
    const flip = (b: Uint8Array, i: number) => b.map((x, j) => (j === i ? x ^ 1 : x));
    expect(sm.recover(flip(digest, 31), sig)).toBeNull();
    for (const i of [0, 31, 32, 63, 64, 100, 127]) expect(sm.recover(digest, flip(sig, i))).toBeNull();
    // Another key in the signature: valid point, wrong signer.
    const other = sm.generateKeyPair().publicKey;
    expect(sm.recover(digest, new Uint8Array([...sig.subarray(0, 64), ...other]))).toBeNull();
    const n = bigTo32(SM2.n);
    const withRS = (r: Uint8Array, s: Uint8Array) => new Uint8Array([...r, ...s, ...publicKey]);
    expect(sm.recover(digest, withRS(new Uint8Array(32), sig.subarray(32, 64)))).toBeNull();
    expect(sm.recover(digest, withRS(n, sig.subarray(32, 64)))).toBeNull();
    expect(sm.recover(digest, withRS(sig.subarray(0, 32), new Uint8Array(32)))).toBeNull();
    expect(sm.recover(digest, withRS(sig.subarray(0, 32), n))).toBeNull();
    for (const bad of [sig.subarray(0, 127), new Uint8Array([...sig, 0]), new Uint8Array(128), new Uint8Array(128).fill(0xff)])
      expect(sm.recover(digest, bad)).toBeNull();
    expect(sm.recover(digest.subarray(1), sig)).toBeNull();
    expect(sm.recover(null as unknown as Uint8Array, sig)).toBeNull();
    expect(sm.recover(digest, "0x00" as unknown as Uint8Array)).toBeNull();
    expect(sm2Verify(digest, sig.subarray(0, 64), new Uint8Array(64))).toBe(false);
  });

  it("refuses private keys outside 1 … n − 2", () => {
    expect(sm.isValidPrivateKey(new Uint8Array(32))).toBe(false);
    expect(sm.isValidPrivateKey(bigTo32(SM2.n - 1n))).toBe(false);
    expect(sm.isValidPrivateKey(bigTo32(SM2.n - 2n))).toBe(true);
    expect(sm.isValidPrivateKey(new Uint8Array(31).fill(1))).toBe(false);
    expect(() => sm2Sign(new Uint8Array(32), bigTo32(SM2.n - 1n))).toThrow(/private key/);
  });
});
