import { copyFileSync, existsSync } from "node:fs";
import { rename } from "node:fs/promises";
import { treeFilePath } from "@duty-ledger/event-store";

/**
 * A SQLite store is its log's file and the Merkle tree's file beside it (`<file>-tree`,
 * derived: a store opening a log without one integrates it again). Copying or moving a store
 * for a test or a bench takes both, so that the copy's tree is the original's, not rebuilt from
 * what the copy's log says.
 */

/** Copies the store at `from` (closed) to `to`: the log's file, and the tree's when there is one. */
export function copyStoreFiles(from: string, to: string): void {
  copyFileSync(from, to);
  if (existsSync(treeFilePath(from))) copyFileSync(treeFilePath(from), treeFilePath(to));
}

/** Moves the store at `from` (closed) to `to`, the tree's file with the log's. */
export async function moveStoreFiles(from: string, to: string): Promise<void> {
  await rename(from, to);
  if (existsSync(treeFilePath(from))) await rename(treeFilePath(from), treeFilePath(to));
}
