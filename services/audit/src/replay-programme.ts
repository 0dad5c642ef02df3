import { countingEvents, parseEvent, streamIdOf, tallyVote, type CountedBox, type DutyEvent, type VoteResult } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import { diffValues, type Difference } from "./diff-values.js";

/**
 * `duty-ledger audit replay --programme ID` (design/livelihood.md, "Auditors replay a
 * programme"): the tally recomputed from the ballot events of `programme-<id>` must equal the
 * result recorded when the vote closed, digit for digit. The stream's counting events (voided
 * ones and voidings left out) are read from the store and folded in order: the opening (slots,
 * electorate), the shortlist, the attendance, each ballot box counted before the close; at the
 * close the domain's own `tallyVote` recounts the boxes and the recount is compared with the
 * recorded result, field by field. The rules a recount rests on are checked on the way: a box
 * counted once, no ballot after the close, never more ballots than deputies present. The first
 * discrepancy is named (`firstDiscrepancy`); the replay reads ballots, never a deputy's choice:
 * a ballot names no one.
 */

/** Something in the stream that contradicts the recorded result or the rules of the vote. */
export interface ProgrammeDiscrepancy {
  /** `result.<field>` where the recount differs, or the rule broken (`box`, `ballots`, `close`). */
  readonly path: string;
  readonly detail: string;
  /** The event where it shows (the close for a result's field). */
  readonly eventId: string | null;
  readonly position: number | null;
  readonly recomputed?: unknown;
  readonly recorded?: unknown;
}

export interface ProgrammeReplay {
  readonly programmeId: string;
  /** Counting events of the stream read. */
  readonly events: number;
  readonly closedAt: string | null;
  readonly boxes: number;
  readonly ballots: number;
  /** The result as recorded by the close; `null` while the vote is open. */
  readonly recorded: VoteResult | null;
  /** The tally of the boxes counted before the close (of every box while open). */
  readonly recomputed: VoteResult | null;
  readonly discrepancies: readonly ProgrammeDiscrepancy[];
  readonly firstDiscrepancy: ProgrammeDiscrepancy | null;
  readonly ok: boolean;
}

/** No programme of that id is opened in the log. */
export class ProgrammeNotFoundError extends Error {
  readonly code = "PROGRAMME_NOT_FOUND";
}

export const isProgrammeNotFound = (error: unknown): error is ProgrammeNotFoundError =>
  error instanceof Error && (error as { code?: unknown }).code === "PROGRAMME_NOT_FOUND";

interface Fold {
  slots: number;
  electorateSize: number;
  shortlist: readonly string[];
  attendance: Set<string>;
  boxes: (CountedBox & { readonly boxId: string })[];
  ballots: number;
  closedAt: string | null;
  recorded: VoteResult | null;
  recomputed: VoteResult | null;
  discrepancies: ProgrammeDiscrepancy[];
}

const at = (recorded: RecordedEvent): Pick<ProgrammeDiscrepancy, "eventId" | "position"> => ({ eventId: recorded.id, position: recorded.position });

const recountOf = (fold: Fold): VoteResult =>
  tallyVote({ shortlist: fold.shortlist, slots: fold.slots, electorateSize: fold.electorateSize, attendance: fold.attendance.size, boxes: fold.boxes });

const resultDiscrepancies = (recomputed: VoteResult, recorded: VoteResult, where: RecordedEvent): ProgrammeDiscrepancy[] =>
  diffValues(recomputed, recorded).map((difference: Difference) => ({
    path: `result.${difference.path}`,
    detail: `recounted ${JSON.stringify(difference.replayed ?? null)}, recorded ${JSON.stringify(difference.served ?? null)}`,
    ...at(where),
    recomputed: difference.replayed ?? null,
    recorded: difference.served ?? null,
  }));

const apply = (fold: Fold, recorded: RecordedEvent, event: DutyEvent): void => {
  switch (event.type) {
    case "LivelihoodProgrammeOpened":
      fold.slots = event.data.slots;
      fold.electorateSize = event.data.electorateSize;
      return;
    case "LivelihoodShortlistDecided":
      fold.shortlist = event.data.candidateIds;
      return;
    case "LivelihoodAttendanceRecorded":
      for (const deputyId of event.data.deputyIds) fold.attendance.add(deputyId);
      return;
    case "LivelihoodBallotBoxCounted": {
      const { boxId, ballots, invalid } = event.data;
      if (fold.closedAt !== null) {
        fold.discrepancies.push({ path: "close", detail: `ballot box ${boxId} counted after the vote closed at ${fold.closedAt}`, ...at(recorded) });
        return;
      }
      if (fold.boxes.some((box) => box.boxId === boxId)) fold.discrepancies.push({ path: "box", detail: `ballot box ${boxId} counted a second time`, ...at(recorded) });
      fold.boxes.push({ boxId, ballots, invalid });
      fold.ballots += ballots.length + invalid;
      if (fold.ballots > fold.attendance.size) {
        fold.discrepancies.push({ path: "ballots", detail: `${fold.ballots} ballots counted by box ${boxId}, more than the ${fold.attendance.size} deputies present`, ...at(recorded) });
      }
      return;
    }
    case "LivelihoodVoteClosed": {
      if (fold.closedAt !== null) {
        fold.discrepancies.push({ path: "close", detail: `the vote closed a second time (first at ${fold.closedAt})`, ...at(recorded) });
        return;
      }
      fold.closedAt = event.data.closedAt;
      fold.recorded = event.data.result;
      fold.recomputed = recountOf(fold);
      fold.discrepancies.push(...resultDiscrepancies(fold.recomputed, fold.recorded, recorded));
      return;
    }
    default:
      return;
  }
};

/** Replays `programme-<programmeId>` of the store: the recount against the recorded result. */
export const replayProgramme = async (store: EventStore, programmeId: string): Promise<ProgrammeReplay> => {
  const stream: RecordedEvent[] = [];
  for await (const event of store.readStream(streamIdOf.programme(programmeId))) stream.push(event);
  const counting = countingEvents(stream);
  if (!counting.some((event) => event.type === "LivelihoodProgrammeOpened")) throw new ProgrammeNotFoundError(`no livelihood programme ${programmeId} is opened in this log`);
  const fold: Fold = { slots: 0, electorateSize: 0, shortlist: [], attendance: new Set(), boxes: [], ballots: 0, closedAt: null, recorded: null, recomputed: null, discrepancies: [] };
  for (const recorded of counting) {
    let event: DutyEvent;
    try {
      event = parseEvent(recorded.type, recorded.data);
    } catch (error) {
      fold.discrepancies.push({ path: "event", detail: `event ${recorded.id} (${recorded.type}) is not a valid fact: ${(error as Error).message}`, ...at(recorded) });
      continue;
    }
    apply(fold, recorded, event);
  }
  const recomputed = fold.recomputed ?? (fold.shortlist.length === 0 ? null : recountOf(fold));
  const discrepancies = [...fold.discrepancies].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  return {
    programmeId,
    events: counting.length,
    closedAt: fold.closedAt,
    boxes: fold.boxes.length,
    ballots: fold.ballots,
    recorded: fold.recorded,
    recomputed,
    discrepancies,
    firstDiscrepancy: discrepancies[0] ?? null,
    ok: discrepancies.length === 0,
  };
};

/** The replay as text: the recount, then OK, or the first discrepancy and every other. */
export const describeProgrammeReplay = (replay: ProgrammeReplay): string => {
  const lines = [
    `programme ${replay.programmeId}: ${replay.events} counting events, ${replay.boxes} ballot boxes, ${replay.ballots} ballots` +
      (replay.closedAt === null ? ", vote not closed (no recorded result to check)" : `, vote closed at ${replay.closedAt}`),
  ];
  if (replay.recomputed !== null) {
    lines.push(`recounted: adopted [${replay.recomputed.adopted.join(", ")}], tie at boundary [${replay.recomputed.tieAtBoundary.join(", ")}], ${replay.recomputed.invalid} invalid`);
    for (const [candidateId, votes] of Object.entries(replay.recomputed.tally)) lines.push(`  ${candidateId}\tyes ${votes.yes}\tno ${votes.no}\tabstain ${votes.abstain}`);
  }
  const first = replay.firstDiscrepancy;
  if (first !== null) {
    const where = first.position === null ? "" : ` (event ${first.eventId ?? "?"}, position ${first.position})`;
    lines.push(`first discrepancy: ${first.path}: ${first.detail}${where}`);
    for (const other of replay.discrepancies.slice(1, 50)) lines.push(`  ${other.path}: ${other.detail}`);
  }
  lines.push(replay.ok ? (replay.closedAt === null ? "OK (open: nothing recorded yet)" : "OK: the recorded result is the recount, digit for digit") : "MISMATCH");
  return `${lines.join("\n")}\n`;
};
