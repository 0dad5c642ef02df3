import { generateKeyPairSync } from "node:crypto";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../audit.test-support.js";
import { isSigningKeyError, keyIdOf, loadOrCreateSigningKey, signingKeyFileName } from "./signing-key.js";
import { signTreeHead, verifyTreeHeadSignature } from "./tree-head-signature.js";

const temp = tempDir("signing-key");
afterAll(() => temp.remove());

describe("the tree-head signing key", () => {
  it("is generated into the data folder on first start (0600) and the same key is read after", () => {
    const dataDir = join(temp.dir, "data");
    const first = loadOrCreateSigningKey({ dataDir });
    expect(statSync(join(dataDir, signingKeyFileName)).mode & 0o777).toBe(0o600);
    const again = loadOrCreateSigningKey({ dataDir });
    expect(again.keyId).toBe(first.keyId);
    expect(again.publicKey).toEqual(first.publicKey);
    expect(first.keyId).toBe(keyIdOf(first.publicKey));
    const head = signTreeHead(first, { treeSize: 3, rootHash: "ab".repeat(32) }, new Date("2026-12-07T00:00:00Z"));
    expect(verifyTreeHeadSignature(head, again.publicKey)).toBe(true);
  });

  it("DUTY_LEDGER_SIGNING_KEY_FILE: an Ed25519 PEM is used as is; anything else is a clear error", () => {
    const file = join(temp.dir, "given.pem");
    writeFileSync(file, generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }));
    const signer = loadOrCreateSigningKey({ dataDir: join(temp.dir, "unused"), keyFile: file });
    expect(signer.publicKey).toHaveLength(32);

    const rsa = join(temp.dir, "rsa.pem");
    writeFileSync(rsa, generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }));
    const notText = join(temp.dir, "garbage.pem");
    writeFileSync(notText, "not a key");
    for (const [keyFile, message] of [
      [rsa, /must be an Ed25519 key/],
      [notText, /is not a PEM private key/],
      [join(temp.dir, "missing.pem"), /cannot be read/],
    ] as const) {
      let caught: unknown;
      try {
        loadOrCreateSigningKey({ dataDir: temp.dir, keyFile });
      } catch (error) {
        caught = error;
      }
      expect(isSigningKeyError(caught), keyFile).toBe(true);
      expect((caught as Error).message).toMatch(/DUTY_LEDGER_SIGNING_KEY_FILE/);
      expect((caught as Error).message).toMatch(message);
    }
  });
});
