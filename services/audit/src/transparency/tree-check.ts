import { createMerkleFrontier, eventLeafHash, toHex, type EventStore, type RecordedEvent, type TransparencyLog, type TreeHead } from "@duty-ledger/event-store";

/**
 * Does the log extend a tree head an auditor kept? Fed the log in order, the checker computes
 * the RFC 9162 root of its first `treeSize` events from their hashes and compares it with the
 * head's. When the store keeps a tree of its own, each event's leaf is also compared with the
 * tree's copy (made when the event joined it), which names the first event removed, moved or
 * rewritten since — even when the rewrite re-hashed the chains. A root that differs while the
 * store's own tree agrees means the tree was rewritten along with the events: the first bad
 * position is then named only if the chains tell it.
 */

export interface TreeCheck {
  readonly ok: boolean;
  readonly treeSize: number;
  readonly rootHash: string;
  /** The root of the first `treeSize` events as the log holds them; `null` when it holds fewer. */
  readonly actualRootHash: string | null;
  /** The position of the first event that is not as the head has it, when it can be told. */
  readonly firstBadPosition: number | null;
  /** Whether the store's own copy of the leaves was compared. */
  readonly comparedWithStoredTree: boolean;
  /** The head checked: one the auditor saved, or the store's own tree (plain `verify`). */
  readonly against: HeadSource;
  readonly detail: string;
}

export type HeadSource = "saved" | "store";

export interface TreeChecker {
  /** The next event of the log, in order. */
  add(event: RecordedEvent): Promise<void>;
  /** The verdict; `chainBreak`: the position of the first chain problem the verification found, if any. */
  finish(chainBreak: number | null): TreeCheck;
}

const STORED_LEAVES_PAGE = 8192;

export function createTreeChecker(head: TreeHead, storedTree: TransparencyLog | undefined, against: HeadSource = "saved"): TreeChecker {
  const frontier = createMerkleFrontier();
  let events = 0;
  let lastPosition = 0;
  let actualRoot: string | null = head.treeSize === 0 ? toHex(frontier.root()) : null;
  let firstDifference: { position: number; detail: string } | null = null;
  let stored: string[] = [];
  let storedFrom = 0;
  let storedEnd = false;

  const storedLeaf = async (index: number): Promise<string | undefined> => {
    if (storedTree === undefined || storedEnd) return undefined;
    if (index >= storedFrom + stored.length) {
      storedFrom = index;
      stored = await storedTree.leafHashes(index, STORED_LEAVES_PAGE);
      if (stored.length === 0) storedEnd = true;
    }
    return stored[index - storedFrom];
  };

  return {
    add: async (event) => {
      const index = events++;
      lastPosition = event.position;
      if (index >= head.treeSize) return;
      const leaf = eventLeafHash(event.metadata.hash);
      frontier.push(leaf, () => undefined);
      if (frontier.size === head.treeSize) actualRoot = toHex(frontier.root());
      if (firstDifference === null) {
        const kept = await storedLeaf(index);
        if (kept !== undefined && kept !== toHex(leaf)) {
          // Leaf i is the event at position i + 1: what stands there now is not what joined the tree.
          firstDifference = {
            position: index + 1,
            detail: `position ${index + 1} (leaf ${index}) is not the event the tree recorded there, now event ${event.id} of ${event.streamId} at position ${event.position}: removed, moved or rewritten since`,
          };
        }
      }
    },
    finish: (chainBreak) => {
      const base = { treeSize: head.treeSize, rootHash: head.rootHash, actualRootHash: actualRoot, comparedWithStoredTree: storedTree !== undefined, against };
      const which = against === "saved" ? "the head" : "the store's Merkle tree";
      if (actualRoot === null) {
        return {
          ...base,
          ok: false,
          firstBadPosition: firstDifference?.position ?? events + 1,
          detail: `${which} covers ${head.treeSize} events but the log holds ${events}: events were removed` + (firstDifference === null ? ` (the log ends at position ${lastPosition})` : `; first: ${firstDifference.detail}`),
        };
      }
      if (actualRoot === head.rootHash) {
        return { ...base, ok: true, firstBadPosition: null, detail: `the log extends ${which}: its first ${head.treeSize} events have its root` };
      }
      if (firstDifference !== null) return { ...base, ok: false, firstBadPosition: firstDifference.position, detail: `the log does not extend ${which}: ${firstDifference.detail}` };
      return {
        ...base,
        ok: false,
        firstBadPosition: chainBreak,
        detail:
          `the log does not extend ${which}: the root of its first ${head.treeSize} events differs` +
          (storedTree === undefined ? "" : ", and the store's own tree was rewritten to match the events") +
          (chainBreak === null ? "; the first bad position cannot be told from the log (compare with an older head or export)" : `; the first broken chain is at position ${chainBreak}`),
      };
    },
  };
}

/** The tree check alone: reads the first `head.treeSize` events and compares (the bench's "root from scratch"). */
export async function checkTreeHead(store: EventStore, head: TreeHead): Promise<TreeCheck> {
  const checker = createTreeChecker(head, store.transparencyLog);
  let read = 0;
  for await (const event of store.readAll()) {
    await checker.add(event);
    if (++read >= head.treeSize) break;
  }
  return checker.finish(null);
}
