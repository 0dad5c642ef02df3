import { ClaimedTimeOutsideGraceError } from "./errors.js";
import { formatIsoDurationMs } from "./iso-duration.js";
import { instant } from "./primitives.js";

/**
 * The one rule of claimed times (trust.md, "Two times on every fact"): a time the actor claims
 * in a command (`occurredAt`, `submittedAt`, `repliedAt`, …) may lie at most the recording grace
 * before the server's clock (`metadata.now`, what the store records as `recordedAt`) and at most
 * `CLOCK_SKEW_MS` after it. Under a backfill the grace gives way to the backfill's window
 * `[from, to]` (checked by the shell to be granted to the actor and not expired); the future
 * stays refused. Every decider checks every claimed time through `requireClaimedTime`.
 */

/** How far after the server's clock (ms) a claimed time may lie: clock skew. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The default recording grace, `P3D` (setting `DUTY_LEDGER_RECORDING_GRACE`). */
export const DEFAULT_RECORDING_GRACE_MS = 3 * 24 * 60 * 60_000;

/** A backfill the actor writes under: its id and the window its claimed times must lie in. */
export interface BackfillWindow {
  readonly backfillId: string;
  readonly from: string;
  readonly to: string;
}

/** What the rule reads of a command's metadata (`CommandMetadata` has it). */
export interface ClaimedTimeContext {
  /** The server's clock (what the store records as `recordedAt`). */
  readonly now: string;
  readonly recordingGraceMs?: number | undefined;
  readonly backfill?: BackfillWindow | undefined;
}

/** Why a claimed time is refused, or `undefined` when it lies where it may. */
export const claimedTimeRefusal = (metadata: ClaimedTimeContext, value: string): string | undefined => {
  const at = instant(value);
  const now = instant(metadata.now);
  if (at > now + CLOCK_SKEW_MS) return `more than 5 minutes after the time of recording (${metadata.now})`;
  const { backfill } = metadata;
  if (backfill !== undefined) {
    if (at < instant(backfill.from) || at > instant(backfill.to)) {
      return `outside the window of backfill ${backfill.backfillId} (${backfill.from} to ${backfill.to})`;
    }
    return undefined;
  }
  const graceMs = metadata.recordingGraceMs ?? DEFAULT_RECORDING_GRACE_MS;
  if (at < now - graceMs) return `more than the recording grace (${formatIsoDurationMs(graceMs)}) before the time of recording (${metadata.now}); old records need a backfill`;
  return undefined;
};

/** Throws `ClaimedTimeOutsideGraceError` (422 `claimed-time-outside-grace`) naming `field` when its time is refused. */
export const requireClaimedTime = (metadata: ClaimedTimeContext, field: string, value: string): void => {
  const refusal = claimedTimeRefusal(metadata, value);
  if (refusal !== undefined) {
    throw new ClaimedTimeOutsideGraceError(`${field} ${value} is ${refusal}`, { errors: [{ path: field, message: `claimed time ${refusal}` }] });
  }
};

/**
 * The backfill an event was written under: its `metadata.backfillId` (the stores keep the
 * metadata a caller gives), or `undefined`. Reads any event's metadata, as stored.
 */
export const backfillIdOf = (metadata: unknown): string | undefined => {
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const id = (metadata as { readonly backfillId?: unknown }).backfillId;
  return typeof id === "string" ? id : undefined;
};
