import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The master key's file in the data folder when `DUTY_LEDGER_MASTER_KEY_FILE` names none. */
export const MASTER_KEY_FILE_NAME = "master.key";

const KEY_BYTES = 32;

export interface MasterKeyOptions {
  readonly dataDir: string;
  /** `DUTY_LEDGER_MASTER_KEY_FILE`: the key's file (default `<dataDir>/master.key`). */
  readonly keyFile?: string | undefined;
}

/**
 * The master key that wraps every person's data key (personal-data.md): 32 random bytes, kept as
 * 64 hex characters in a file readable by its owner only (mode 0600), generated on first start.
 * A file that holds anything else is refused: a new key would make every data key unreadable.
 */
export const loadOrCreateMasterKey = ({ dataDir, keyFile }: MasterKeyOptions): Buffer => {
  const path = keyFile ?? join(dataDir, MASTER_KEY_FILE_NAME);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(path, 0o600);
  }
  const text = readFileSync(path, "utf8").trim();
  if (!/^[0-9a-f]{64}$/u.test(text)) throw new Error(`the master key file ${path} does not hold 64 hex characters (a 256-bit key)`);
  return Buffer.from(text, "hex");
};
