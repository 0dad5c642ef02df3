import type { EventOf } from "./events.js";
import type { Ballot } from "./events/livelihood-events.js";

/** Fixtures of the livelihood specs (excluded from the build): a programme of 3 slots, 11 deputies. */

export const PID = "P-2024";
export const opened: EventOf<"LivelihoodProgrammeOpened"> = {
  type: "LivelihoodProgrammeOpened",
  data: { programmeId: PID, title: "2024 年民生实事", year: 2024, session: "2024", slots: 3, electorateSize: 11, collectUntil: "2024-12-31T23:59:59+08:00", openedAt: "2024-01-02T09:00:00+08:00" },
};
export const proposed = (candidateId: string, responsibleUnitId = "U-1"): EventOf<"LivelihoodCandidateProposed"> => ({
  type: "LivelihoodCandidateProposed",
  data: {
    programmeId: PID,
    candidateId,
    title: `项目 ${candidateId}`,
    description: "A road, a school, a clinic.",
    proposedBy: { kind: "public" },
    estimatedBudgetYuan: 10_000_000,
    responsibleUnitId,
    proposedAt: "2024-01-05T09:00:00+08:00",
  },
});
export const CANDIDATES = ["C-1", "C-2", "C-3", "C-4", "C-5"] as const;
export const shortlisted = (candidateIds: readonly string[] = CANDIDATES): EventOf<"LivelihoodShortlistDecided"> => ({
  type: "LivelihoodShortlistDecided",
  data: { programmeId: PID, candidateIds: [...candidateIds], decidedAt: "2024-02-01T09:00:00+08:00", reason: "screened by the council" },
});
export const DEPUTIES = Array.from({ length: 11 }, (_, i) => `D-${i + 1}`);
export const attended = (deputyIds: readonly string[] = DEPUTIES): EventOf<"LivelihoodAttendanceRecorded"> => ({
  type: "LivelihoodAttendanceRecorded",
  data: { programmeId: PID, deputyIds: [...deputyIds], attendedAt: "2024-03-01T09:00:00+08:00" },
});
/** A ballot: `yes` for the given candidates, `no` for the other shortlisted. */
export const ballot = (yes: readonly string[], others: readonly string[] = CANDIDATES): Ballot => ({
  choices: Object.fromEntries(others.map((id) => [id, yes.includes(id) ? "yes" : "no"])),
});
export const counted = (boxId: string, ballots: readonly Ballot[], invalid = 0): EventOf<"LivelihoodBallotBoxCounted"> => ({
  type: "LivelihoodBallotBoxCounted",
  data: { programmeId: PID, boxId, countedAt: "2024-03-01T11:00:00+08:00", ballots: [...ballots], invalid },
});
export const screened = [opened, ...CANDIDATES.map((id) => proposed(id)), shortlisted()];
export const present = [...screened, attended()];

/** The body of an attendance (its `at` is the event's `attendedAt`). */
export const attendanceBody = (deputyIds: readonly string[] = DEPUTIES) => ({ programmeId: PID, deputyIds: [...deputyIds], at: "2024-03-01T09:00:00+08:00" });
