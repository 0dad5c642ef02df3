import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import { minJwtSecretBytes } from "./token-verifier.js";

export const jwtSecretFileName = "jwt-secret";

export interface LoadJwtSecretOptions {
  /** Where `DUTY_LEDGER_JWT_SECRET` is read from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Told (info) when a new secret file is created, warned when one had loose permissions. */
  readonly logger?: Logger;
  /** The secret file's name in the data folder. Default `jwtSecretFileName`. */
  readonly fileName?: string;
}

const isErrnoCode = (error: unknown, code: string): boolean =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === code;

const readSecretFile = (path: string, logger: Logger | undefined): string => {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    logger?.warn({ path, mode: mode.toString(8) }, "the JWT secret file was readable by others; now 0600");
  }
  const secret = readFileSync(path, "utf8").trim();
  if (Buffer.byteLength(secret, "utf8") < minJwtSecretBytes) {
    throw new Error(`${path} holds a JWT secret shorter than ${minJwtSecretBytes} bytes; delete it to have a new one made`);
  }
  return secret;
};

/**
 * The HS256 secret: `DUTY_LEDGER_JWT_SECRET` when set (and not empty); otherwise the content of
 * `<dataDir>/jwt-secret`, created on first start with 32 random bytes (base64url, mode 0600).
 */
export const loadOrCreateJwtSecret = (dataDir: string, options: LoadJwtSecretOptions = {}): string => {
  const fromEnv = (options.env ?? process.env)["DUTY_LEDGER_JWT_SECRET"];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (Buffer.byteLength(fromEnv, "utf8") < minJwtSecretBytes) {
      throw new Error(`DUTY_LEDGER_JWT_SECRET must be at least ${minJwtSecretBytes} bytes long`);
    }
    return fromEnv;
  }
  const path = join(dataDir, options.fileName ?? jwtSecretFileName);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    return readSecretFile(path, options.logger);
  } catch (error) {
    if (!isErrnoCode(error, "ENOENT")) throw error;
  }
  const secret = randomBytes(32).toString("base64url");
  // Written whole to a private temporary file, then linked into place: `link` never overwrites,
  // so a concurrent first start either wins or reads the complete secret of the one that did.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, `${secret}\n`, { encoding: "utf8", mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if (isErrnoCode(error, "EEXIST")) return readSecretFile(path, options.logger);
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  options.logger?.info({ path }, "created a new JWT secret");
  return secret;
};
