import { isStoreClosed, type EventStore, type RecordedEvent, type TreeHead } from "@duty-ledger/event-store";
import { createChainChecker, type ChainReport } from "./chain-checker.js";
import { createSealHasher, formatSeal, type Seal } from "./seal.js";
import { createTreeChecker, type TreeCheck } from "./transparency/tree-check.js";

/**
 * `verifyLog`: reads the log once, in global order (`readAll`), re-computing every stream's
 * hash chain (see `chain-checker.ts`), and the seal of what it read (see `seal.ts`). On a
 * store with dense positions (SQLite) it also compares each stream's last revision with the
 * head the store records for it (`streamRevision`), which finds events removed from the end
 * of a stream; and it reads on past a row it cannot decode.
 */

export interface VerifyProgress {
  readonly events: number;
  readonly position: number;
  /** The position the verification reads up to. */
  readonly upTo: number;
}

export interface VerifyLogOptions {
  /** Verify the log up to this position (inclusive). Default: the head when the verification starts. */
  readonly upTo?: number;
  /** Also check that the first `seal.events` events of the log still have this seal. */
  readonly seal?: Seal;
  /** Also check that the log extends this tree head (its first `treeSize` events have its root); see tree-check.ts. */
  readonly treeHead?: TreeHead;
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** Call `onProgress` every this many events (default 10,000) and at the end. */
  readonly progressEvery?: number;
  /**
   * Compare each stream's last revision with the store's record of its head. Default: on for
   * stores with dense positions (SQLite keeps stream heads apart from the events); off
   * otherwise (EventStoreDB derives them from the log itself, so they tell nothing more).
   */
  readonly checkStreamHeads?: boolean;
  /** Most problems listed (default 100). */
  readonly maxProblems?: number;
}

export interface SealCheck {
  readonly seal: string;
  readonly ok: boolean;
  /** The seal of the same number of events of the log as it is now; `null` when it holds fewer. */
  readonly actual: string | null;
  readonly detail: string;
}

export interface LogVerification extends ChainReport {
  /** The head of the log when the verification started. */
  readonly head: number;
  /** The position verified up to. */
  readonly upTo: number;
  /** The seal of the events verified: keep it to prove later that they did not change. */
  readonly seal: string;
  readonly sealCheck?: SealCheck;
  readonly treeCheck?: TreeCheck;
}

const isDecodeError = (error: unknown): boolean => error instanceof SyntaxError;

/**
 * The seal binds the events' stored hashes; the chains bind each event's content to its hash.
 * The sealed part is unchanged when both hold: the digest matches and no problem lies in it.
 */
const describeSealCheck = (expected: Seal, actual: Seal | null, sealedUpTo: number, report: ChainReport, verified: number): SealCheck => {
  const seal = formatSeal(expected);
  if (actual === null) {
    return { seal, ok: false, actual: null, detail: `the seal covers ${expected.events} events but the log (up to where it was verified) holds ${verified}: events were removed` };
  }
  if (actual.digest !== expected.digest) {
    return {
      seal,
      ok: false,
      actual: formatSeal(actual),
      detail: `the first ${expected.events} events of the log differ from the sealed ones (altered, removed, added or reordered)`,
    };
  }
  const inside = report.problems.find((problem) => problem.position !== null && problem.position <= sealedUpTo);
  return {
    seal,
    ok: inside === undefined,
    actual: formatSeal(actual),
    detail:
      inside === undefined
        ? `the first ${expected.events} events of the log (up to position ${sealedUpTo}) are unchanged since the seal`
        : `the sealed hashes are unchanged but events within the sealed part no longer match them (first at position ${inside.position ?? "?"})`,
  };
};

/**
 * Without a saved head, the store's own tree (on stores that keep one) is the head: each event
 * is compared with the leaf the tree recorded for it, which finds events removed, moved or
 * rewritten behind the tree's back — the whole tree, not the log's head, when no `upTo`.
 */
const ownTreeHead = async (store: EventStore, upTo: number | undefined): Promise<TreeHead | undefined> => {
  const log = store.transparencyLog;
  if (log === undefined) return undefined;
  const kept = await log.treeHead();
  return upTo === undefined || upTo >= kept.treeSize ? kept : log.treeHead(upTo);
};

export const verifyLog = async (store: EventStore, options: VerifyLogOptions = {}): Promise<LogVerification> => {
  const dense = store.capabilities.densePositions;
  const head = await store.headPosition();
  const upTo = options.upTo === undefined ? head : Math.min(options.upTo, head);
  const every = Math.max(1, options.progressEvery ?? 10_000);
  const checker = createChainChecker({ densePositions: dense, ...(options.maxProblems === undefined ? {} : { maxProblems: options.maxProblems }) });
  const hasher = createSealHasher();
  const target = options.seal;
  let sealAtTarget: Seal | null = target !== undefined && target.events === 0 ? hasher.seal() : null;
  let sealedUpTo = 0;

  const treeHead = options.treeHead ?? (await ownTreeHead(store, options.upTo));
  const treeChecker = treeHead === undefined ? undefined : createTreeChecker(treeHead, store.transparencyLog, options.treeHead === undefined ? "store" : "saved");
  const progress = (): void => options.onProgress?.({ events: checker.events, position: checker.position, upTo });
  const take = (event: RecordedEvent): void => {
    checker.add(event);
    hasher.add(event.metadata?.hash);
    if (target !== undefined && hasher.events === target.events) {
      sealAtTarget = hasher.seal();
      sealedUpTo = event.position;
    }
    if (checker.events % every === 0) progress();
  };

  let from: number | undefined;
  scan: while (upTo > 0) {
    try {
      for await (const event of store.readAll(from === undefined ? {} : { fromPosition: from })) {
        if (event.position > upTo) break scan;
        take(event);
        await treeChecker?.add(event);
      }
      break;
    } catch (error) {
      if (isStoreClosed(error) || !isDecodeError(error)) throw error;
      const after = checker.position;
      checker.unreadable(after, error);
      if (!dense) break; // positions cannot be guessed: the rest of the log is not verified
      from = after + 2;
      if (from > upTo) break;
    }
  }

  if ((options.checkStreamHeads ?? dense) && upTo >= head) {
    for (const [streamId, revision] of [...checker.heads()]) {
      const stored = await store.streamRevision(streamId);
      if (stored === revision) continue;
      if (stored !== null && stored > revision) {
        let next: RecordedEvent | undefined;
        try {
          for await (const event of store.readStream(streamId, { fromRevision: revision + 1, maxCount: 1 })) next = event;
        } catch (error) {
          if (isStoreClosed(error) || !isDecodeError(error)) throw error;
        }
        if (next !== undefined && next.position > upTo) continue; // appended since the verification started
        checker.headMismatch({
          streamId,
          revision: revision + 1,
          eventId: next?.id ?? null,
          position: next?.position ?? null,
          problem: "missing",
          detail:
            `the store records revision ${stored} as the head of the stream but the log ends at revision ${revision}: ` +
            (stored === revision + 1 ? `revision ${stored} is missing` : `revisions ${revision + 1}..${stored} are missing`),
        });
      } else {
        checker.headMismatch({
          streamId,
          revision,
          eventId: null,
          position: null,
          problem: "altered",
          detail:
            `the log holds revision ${revision} of the stream but the store records ${stored === null ? "no such stream" : `revision ${stored} as its head`}: ` +
            "events were written into the log behind the store's back",
        });
      }
    }
  }
  progress();

  const report = checker.report();
  const sealCheck = target === undefined ? undefined : describeSealCheck(target, sealAtTarget, sealedUpTo, report, checker.events);
  const treeCheck = treeChecker?.finish(report.firstBroken?.position ?? null);
  return {
    ...report,
    ok: report.ok && (sealCheck?.ok ?? true) && (treeCheck?.ok ?? true),
    head,
    upTo,
    seal: formatSeal(hasher.seal()),
    ...(sealCheck === undefined ? {} : { sealCheck }),
    ...(treeCheck === undefined ? {} : { treeCheck }),
  };
};
