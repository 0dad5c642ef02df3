import { randomBytes } from "node:crypto";
import { linkSync, rmSync, writeFileSync } from "node:fs";

/**
 * Creates `path` with `content`, readable by the owner only (0600), unless a file is there
 * already. Written whole to a private temporary file, then linked into place: `link` never
 * overwrites, so of concurrent first starts one creates the file and the others find it
 * complete. Returns whether this call created it.
 */
export function createPrivateFileOnce(path: string, content: string): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, content, { encoding: "utf8", mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
