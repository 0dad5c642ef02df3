import { createCanonicalEncoder, verifyStreamChain, type ChainBreakReason, type ChainEvent, type ChainVerification, type RecordedEvent } from "@duty-ledger/event-store";

/**
 * The streaming check behind `verifyLog`: fed the log once, in global order, it keeps one
 * small state per stream (last good revision and hash) and checks each event against it with
 * the store's own `verifyStreamChain` (the event's hash over its canonical encoding, its
 * revision following the previous one, its `prevHash` naming the previous one's hash).
 *
 * - altered: the event's type, data or metadata (any field: actor, recordedAt, prevHash…)
 *   does not match its hash, or its link to its predecessor was rewritten;
 * - missing: a revision of the stream never appears (a deleted event), or, on a store whose
 *   positions are dense, a position of the log is absent;
 * - reordered: revisions of a stream appear out of order in the global order (a revision
 *   comes before an earlier one), a revision appears twice, or positions go backwards.
 *
 * A gap is first taken for `missing`; if the absent revision turns up later in the log, the
 * problem becomes `reordered`. After its first problem a stream is no longer checked (one
 * break would cascade), but its events are still counted.
 */

export type ChainProblem = ChainBreakReason;

/** A problem found in the log. `null` fields are what the problem cannot name. */
export interface BrokenEvent {
  readonly streamId: string | null;
  readonly revision: number | null;
  readonly eventId: string | null;
  readonly position: number | null;
  readonly problem: ChainProblem;
  readonly detail: string;
}

export interface ChainReport {
  readonly ok: boolean;
  /** Streams seen. */
  readonly streams: number;
  /** Events seen. */
  readonly events: number;
  /** Position of the last event seen; 0 when none. */
  readonly position: number;
  readonly brokenStreams: number;
  /**
   * The first broken event of a stream (lowest position); when no stream is broken, the first
   * problem of the log itself (an absent position, an unreadable row).
   */
  readonly firstBroken?: BrokenEvent;
  /** Every problem, by position (those without one last), at most `maxProblems`. */
  readonly problems: readonly BrokenEvent[];
  /** How many problems were found in all (may exceed `problems.length`). */
  readonly problemCount: number;
}

export interface ChainCheckerOptions {
  /** Positions are 1, 2, 3… with no gap (SQLite): a gap is a removed event. */
  readonly densePositions: boolean;
  /** Most problems listed in the report. Default 100. */
  readonly maxProblems?: number;
}

export interface ChainChecker {
  add(event: RecordedEvent): void;
  /** The store could not decode the row after `afterPosition` (its content was damaged). */
  unreadable(afterPosition: number, error: unknown): void;
  /** A stream whose head, as the store records it, disagrees with the log (found after the scan). */
  headMismatch(problem: BrokenEvent): void;
  /** Streams without a problem, with their last revision. */
  heads(): IterableIterator<readonly [streamId: string, revision: number]>;
  readonly events: number;
  readonly position: number;
  report(): ChainReport;
}

/** Broken streams whose finding is kept (to reclassify a gap as a reordering); beyond, only counted. */
const MAX_TRACKED_FINDINGS = 100_000;

interface Finding {
  problem: ChainProblem;
  detail: string;
  readonly streamId: string | null;
  readonly revision: number | null;
  readonly eventId: string | null;
  readonly position: number | null;
  /** For a gap: the absent revisions. */
  readonly missingFrom?: number;
  readonly missingTo?: number;
}

interface StreamState {
  revision: number;
  hash: string | null;
  broken: Finding | null;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const toBroken = (finding: Finding): BrokenEvent => ({
  streamId: finding.streamId,
  revision: finding.revision,
  eventId: finding.eventId,
  position: finding.position,
  problem: finding.problem,
  detail: finding.detail,
});

export const createChainChecker = (options: ChainCheckerOptions): ChainChecker => {
  const maxProblems = options.maxProblems ?? 100;
  const streams = new Map<string, StreamState>();
  const streamFindings: Finding[] = [];
  const logFindings: Finding[] = [];
  let brokenStreams = 0;
  let untrackedStreamProblems = 0;
  let events = 0;
  let position = 0;
  // One encoder for the whole log: each event shape's keys are sorted once, not per event.
  const encoder = createCanonicalEncoder();

  const untracked: Finding = { problem: "altered", detail: "", streamId: null, revision: null, eventId: null, position: null };

  const breakStream = (state: StreamState, finding: Finding): void => {
    brokenStreams++;
    if (streamFindings.length < MAX_TRACKED_FINDINGS) {
      streamFindings.push(finding);
      state.broken = finding;
    } else {
      untrackedStreamProblems++;
      state.broken = untracked;
    }
  };

  const checkGlobalOrder = (event: RecordedEvent): void => {
    if (events > 1 && event.position <= position) {
      logFindings.push({
        problem: "reordered",
        detail: `position ${event.position} comes after position ${position}: the global order goes backwards`,
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.id,
        position: event.position,
      });
      return;
    }
    const expected = position + 1;
    if (options.densePositions && event.position !== expected) {
      logFindings.push({
        problem: "missing",
        detail:
          event.position - expected === 1
            ? `position ${expected} is absent from the log (an event was removed)`
            : `positions ${expected}..${event.position - 1} are absent from the log (events were removed)`,
        streamId: null,
        revision: null,
        eventId: null,
        position: expected,
      });
    }
    position = event.position;
  };

  const reclassify = (finding: Finding, event: RecordedEvent): void => {
    if (finding.problem !== "missing" || finding.missingFrom === undefined || finding.missingTo === undefined) return;
    if (event.revision < finding.missingFrom || event.revision > finding.missingTo) return;
    finding.problem = "reordered";
    finding.detail =
      `revision ${finding.revision ?? "?"} (position ${finding.position ?? "?"}) comes before revision ${event.revision} ` +
      `(position ${event.position}) in the global order`;
  };

  const add = (event: RecordedEvent): void => {
    events++;
    checkGlobalOrder(event);
    let state = streams.get(event.streamId);
    if (state === undefined) {
      state = { revision: -1, hash: null, broken: null };
      streams.set(event.streamId, state);
    } else if (state.broken !== null) {
      reclassify(state.broken, event);
      return;
    }

    const anchor = { revision: state.revision, hash: state.hash };
    let verdict: ChainVerification;
    try {
      verdict = verifyStreamChain([event as ChainEvent], { anchor, encoder });
    } catch (error) {
      breakStream(state, {
        problem: "altered",
        detail: `event ${event.id} cannot be checked (${describe(error)}): its metadata was damaged`,
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.id,
        position: event.position,
      });
      return;
    }
    if (verdict.ok) {
      state.revision = event.revision;
      state.hash = event.metadata.hash;
      return;
    }
    let detail = verdict.detail;
    if (verdict.reason === "altered" && anchor.revision === -1 && event.revision === 0) {
      detail = `revision 0 (event ${event.id}) links to a predecessor (prevHash ${String(event.metadata.prevHash)}): the first event of a stream links to none`;
    }
    const gap = verdict.reason === "missing" && event.revision > anchor.revision + 1;
    breakStream(state, {
      problem: verdict.reason,
      detail,
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.id,
      position: event.position,
      ...(gap ? { missingFrom: anchor.revision + 1, missingTo: event.revision - 1 } : {}),
    });
  };

  const unreadable = (afterPosition: number, error: unknown): void => {
    logFindings.push({
      problem: "altered",
      detail: `the event after position ${afterPosition} cannot be read (${describe(error)}): its stored content was damaged`,
      streamId: null,
      revision: null,
      eventId: null,
      position: options.densePositions ? afterPosition + 1 : null,
    });
    if (options.densePositions) position = afterPosition + 1;
  };

  const headMismatch = (problem: BrokenEvent): void => {
    const state = problem.streamId === null ? undefined : streams.get(problem.streamId);
    if (state !== undefined && state.broken === null) breakStream(state, { ...problem });
    else logFindings.push({ ...problem });
  };

  function* heads(): IterableIterator<readonly [string, number]> {
    for (const [streamId, state] of streams) if (state.broken === null) yield [streamId, state.revision];
  }

  const report = (): ChainReport => {
    const all = [...streamFindings, ...logFindings].sort((a, b) => (a.position ?? Number.POSITIVE_INFINITY) - (b.position ?? Number.POSITIVE_INFINITY));
    const firstStream = streamFindings.reduce<Finding | undefined>(
      (first, f) => (first === undefined || (f.position ?? Number.POSITIVE_INFINITY) < (first.position ?? Number.POSITIVE_INFINITY) ? f : first),
      undefined,
    );
    const first = firstStream ?? all[0];
    const problemCount = streamFindings.length + untrackedStreamProblems + logFindings.length;
    return {
      ok: problemCount === 0,
      streams: streams.size,
      events,
      position,
      brokenStreams,
      ...(first === undefined ? {} : { firstBroken: toBroken(first) }),
      problems: all.slice(0, maxProblems).map(toBroken),
      problemCount,
    };
  };

  return {
    add,
    unreadable,
    headMismatch,
    heads,
    get events() {
      return events;
    },
    get position() {
      return position;
    },
    report,
  };
};
