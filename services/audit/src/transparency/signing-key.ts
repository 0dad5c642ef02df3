import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The Ed25519 key that signs tree heads: `DUTY_LEDGER_SIGNING_KEY_FILE` (a PKCS #8 PEM private
 * key) when set, else `<dataDir>/signing-key.pem`, generated on first start (mode 0600).
 * `keyId` is the lowercase hex of the first 8 bytes of SHA-256 over the raw 32-byte public key.
 */

export const signingKeyFileName = "signing-key.pem";

export interface TreeSigner {
  readonly keyId: string;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Buffer;
  /** The Ed25519 signature (64 bytes) of `message`. */
  sign(message: Uint8Array): Buffer;
}

/** A signing key file that is missing, unreadable or not an Ed25519 private key. */
export class SigningKeyError extends Error {
  readonly code = "SIGNING_KEY";
}

export const isSigningKeyError = (error: unknown): error is SigningKeyError =>
  error instanceof Error && (error as { code?: unknown }).code === "SIGNING_KEY";

/** The raw 32 bytes of an Ed25519 public key. */
export const rawPublicKey = (key: KeyObject): Buffer => Buffer.from(key.export({ format: "jwk" }).x ?? "", "base64url");

/** An Ed25519 public key from its raw 32 bytes. */
export const publicKeyFromRaw = (raw: Uint8Array): KeyObject =>
  createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") }, format: "jwk" });

export const keyIdOf = (publicKey: Uint8Array): string => createHash("sha256").update(publicKey).digest().subarray(0, 8).toString("hex");

export function signerOf(privateKey: KeyObject): TreeSigner {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new SigningKeyError(`the signing key must be an Ed25519 key, not ${privateKey.asymmetricKeyType ?? "a symmetric key"}`);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { keyId: keyIdOf(publicKey), publicKey, sign: (message) => sign(null, message, privateKey) };
}

const readKey = (path: string, what: string): TreeSigner => {
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch (error) {
    throw new SigningKeyError(`${what} ${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    return signerOf(createPrivateKey(pem));
  } catch (error) {
    if (error instanceof SigningKeyError) throw new SigningKeyError(`${what} ${path}: ${error.message}`);
    throw new SigningKeyError(`${what} ${path} is not a PEM private key: ${(error as Error).message}`);
  }
};

export interface SigningKeyOptions {
  readonly dataDir: string;
  /** `DUTY_LEDGER_SIGNING_KEY_FILE`. */
  readonly keyFile?: string | undefined;
}

/** The signer of tree heads, its key read or (in the data folder, on first start) generated. */
export function loadOrCreateSigningKey(options: SigningKeyOptions): TreeSigner {
  if (options.keyFile !== undefined) return readKey(options.keyFile, "DUTY_LEDGER_SIGNING_KEY_FILE");
  const path = join(options.dataDir, signingKeyFileName);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  try {
    statSync(path);
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return readKey(path, "the signing key");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  // Written whole to a private file, then linked into place: a concurrent first start either wins or reads the winner's key.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, pem, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return readKey(path, "the signing key");
}
