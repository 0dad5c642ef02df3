import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import type { CommandActor, ProgrammeCommand } from "./commands.js";
import { parseEvent, type EventOf } from "./events.js";
import { auditor, clerk, deputy, meta, office, unit } from "./fixtures.test-support.js";
import { attendanceBody, attended, ballot, CANDIDATES, counted, DEPUTIES, opened, PID, present, proposed, screened, shortlisted } from "./livelihood.test-support.js";
import { programmeDecider } from "./programme-decider.js";

const spec = DeciderSpecification.for(programmeDecider);
const NOW = "2024-03-01T12:00:00+08:00";
const command = <T extends ProgrammeCommand["type"]>(type: T, data: Extract<ProgrammeCommand, { type: T }>["data"], actor: CommandActor = office, now = NOW) =>
  ({ type, data, metadata: meta(actor, now) }) as Extract<ProgrammeCommand, { type: T }>;

const { openedAt: _openedAt, ...openData } = opened.data;
const { proposedAt: _proposedAt, ...proposeData } = proposed("C-9").data;
const closeVote = command("CloseLivelihoodVote", { programmeId: PID, closedAt: NOW });
/** Closes the vote on the given events: the event the decider records (valid against its schema). */
const closedWith = (given: Parameters<typeof spec.given>[0]): EventOf<"LivelihoodVoteClosed"> => {
  const [closed] = programmeDecider.decide(closeVote, spec.given(given).state());
  expect(parseEvent("LivelihoodVoteClosed", closed?.data)).toEqual(closed);
  return closed as EventOf<"LivelihoodVoteClosed">;
};

describe("collecting (征集)", () => {
  it("the office opens a programme, stamped with the server's clock", () =>
    spec.when(command("OpenLivelihoodProgramme", openData, office, opened.data.openedAt)).then([opened]));
  it("refuses opening twice (409) and any other role (403)", () => {
    spec.given([opened]).when(command("OpenLivelihoodProgramme", openData)).thenThrows("CONFLICT");
    for (const actor of [deputy("D-1"), unit("U-1"), clerk("S-1"), auditor]) spec.when(command("OpenLivelihoodProgramme", openData, actor)).thenThrows("FORBIDDEN");
  });
  it("a deputy proposes in its own name, until collectUntil", () => {
    const own = { ...proposeData, proposedBy: { kind: "deputy" as const, id: "D-1" } };
    spec.given([opened]).when(command("ProposeLivelihoodCandidate", own, deputy("D-1"))).then([{ type: "LivelihoodCandidateProposed", data: { ...own, proposedAt: NOW } }]);
    spec.given([opened]).when(command("ProposeLivelihoodCandidate", own, deputy("D-2"))).thenThrows("DOMAIN_RULE", "own name");
    spec.given([opened]).when(command("ProposeLivelihoodCandidate", own, deputy("D-1"), "2025-01-01T00:00:00+08:00")).thenThrows("DOMAIN_RULE", "collected until");
  });
  it("refuses a candidate of no programme (404), twice the same (409), after screening (409)", () => {
    spec.when(command("ProposeLivelihoodCandidate", proposeData)).thenThrows("NOT_FOUND");
    spec.given([opened, proposed("C-9")]).when(command("ProposeLivelihoodCandidate", proposeData)).thenThrows("CONFLICT");
    spec.given(screened).when(command("ProposeLivelihoodCandidate", proposeData)).thenThrows("CONFLICT");
  });
});

describe("screening (筛选): 差额", () => {
  const given = [opened, ...CANDIDATES.map((id) => proposed(id))];
  it("accepts slots + 1 candidates", () => spec.given(given).when(command("ShortlistLivelihoodCandidates", shortlisted(["C-1", "C-2", "C-3", "C-4"]).data)).then([shortlisted(["C-1", "C-2", "C-3", "C-4"])]));
  it("refuses as many candidates as slots (422)", () =>
    spec.given(given).when(command("ShortlistLivelihoodCandidates", shortlisted(["C-1", "C-2", "C-3"]).data)).thenThrows("DOMAIN_RULE", "差额"));
  it("refuses a candidate not proposed (422) and a second shortlist (409)", () => {
    spec.given(given).when(command("ShortlistLivelihoodCandidates", shortlisted(["C-1", "C-2", "C-3", "C-X"]).data)).thenThrows("DOMAIN_RULE", "C-X");
    spec.given(screened).when(command("ShortlistLivelihoodCandidates", shortlisted().data)).thenThrows("CONFLICT");
  });
  it("checks decidedAt against the recording grace (422)", () =>
    spec.given(given).when(command("ShortlistLivelihoodCandidates", { ...shortlisted().data, decidedAt: "2024-03-02T12:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});

describe("the vote (票决)", () => {
  it("attendance: office or clerk, after screening, never more than the electorate (422)", () => {
    spec.given(screened).when(command("RecordLivelihoodAttendance", attendanceBody(), clerk("S-1"))).then([attended()]);
    spec.given([opened]).when(command("RecordLivelihoodAttendance", attendanceBody())).thenThrows("CONFLICT");
    spec.given(screened).when(command("RecordLivelihoodAttendance", attendanceBody([...DEPUTIES, "D-12"]))).thenThrows("DOMAIN_RULE");
    spec.given(screened).when(command("RecordLivelihoodAttendance", attendanceBody(), deputy("D-1"))).thenThrows("FORBIDDEN");
  });
  it("one count per ballot box (409)", () => {
    const box = counted("B-1", [ballot(["C-1"])]);
    spec.given(present).when(command("CountLivelihoodBallotBox", box.data)).then([box]);
    spec.given([...present, box]).when(command("CountLivelihoodBallotBox", box.data)).thenThrows("CONFLICT", "B-1");
  });
  it("ballots over all boxes, valid and invalid, never more than the attendance (422)", () => {
    const six = Array.from({ length: 6 }, () => ballot(["C-1"]));
    spec.given([...present, counted("B-1", six)]).when(command("CountLivelihoodBallotBox", counted("B-2", six.slice(0, 4), 1).data)).then([counted("B-2", six.slice(0, 4), 1)]);
    spec.given([...present, counted("B-1", six)]).when(command("CountLivelihoodBallotBox", counted("B-2", six.slice(0, 4), 2).data)).thenThrows("DOMAIN_RULE", "attendance");
  });
  it("a choice for a candidate not shortlisted invalidates that ballot only (counted as invalid)", () => {
    const result = closedWith([...present, counted("B-1", [ballot(["C-1"]), { choices: { "C-1": "yes", "C-X": "yes" } }], 1)]).data.result;
    expect(result).toMatchObject({ ballots: 3, invalid: 2, attendance: 11 });
    expect(result.tally["C-1"]).toEqual({ yes: 1, no: 0, abstain: 0 });
  });
  it("adopts the candidates with yes strictly above half the electorate, among the slots most voted", () => {
    // 11 deputies: 6 yes is a majority, 5 is not. C-1 has 11; C-2, C-3, C-4 tie at 6 for the last two slots.
    const votes = [...Array.from({ length: 6 }, () => ballot(["C-1", "C-2", "C-3", "C-4"])), ...Array.from({ length: 5 }, () => ballot(["C-1", "C-5"]))];
    const result = closedWith([...present, counted("B-1", votes)]).data.result;
    expect(result.adopted).toEqual(["C-1"]);
    expect(result.tieAtBoundary).toEqual(["C-2", "C-3", "C-4"]);
    const clear = [...Array.from({ length: 7 }, () => ballot(["C-1", "C-2", "C-3"])), ...Array.from({ length: 4 }, () => ballot(["C-4", "C-5"]))];
    expect(closedWith([...present, counted("B-1", clear)]).data.result).toMatchObject({ adopted: ["C-1", "C-2", "C-3"], tieAtBoundary: [] });
    const onlyTwoMajorities = [...Array.from({ length: 6 }, () => ballot(["C-1", "C-2"])), ...Array.from({ length: 5 }, () => ballot(["C-3"]))];
    expect(closedWith([...present, counted("B-1", onlyTwoMajorities)]).data.result).toMatchObject({ adopted: ["C-1", "C-2"], tieAtBoundary: [] });
  });
  it("a tie for the last slot adopts none of the tied and reports tieAtBoundary", () => {
    const votes = [
      ...Array.from({ length: 8 }, () => ballot(["C-1", "C-2", "C-3", "C-4"])),
      ...Array.from({ length: 3 }, () => ballot(["C-1", "C-2"])),
    ];
    expect(closedWith([...present, counted("B-1", votes)]).data.result).toMatchObject({ adopted: ["C-1", "C-2"], tieAtBoundary: ["C-3", "C-4"] });
  });
  it("no ballots, attendance or second closing after closing (409)", () => {
    const closed = closedWith([...present, counted("B-1", [ballot(["C-1"])])]);
    const after = [...present, counted("B-1", [ballot(["C-1"])]), closed];
    spec.given(after).when(command("CountLivelihoodBallotBox", counted("B-2", [ballot(["C-1"])]).data)).thenThrows("CONFLICT", "closed");
    spec.given(after).when(command("RecordLivelihoodAttendance", attendanceBody(["D-1"]))).thenThrows("CONFLICT");
    spec.given(after).when(closeVote).thenThrows("CONFLICT");
  });
  it("voiding a ballot box after closing is refused (the result would no longer be its tally); before, allowed", () => {
    const box = { id: "e-box", ...counted("B-1", [ballot(["C-1"])]) };
    const closed = { id: "e-close", ...closedWith([...present, box]) };
    const voidBox = { type: "VoidEvent" as const, data: { eventId: "e-box", reason: "miscounted" }, metadata: meta(office, NOW) };
    spec.given([...present, box, closed]).whenVoiding(voidBox, `programme-${PID}`).thenThrows("CONFLICT", "e-close");
    spec.given([...present, box]).whenVoiding(voidBox, `programme-${PID}`).then([
      { type: "EventVoided", data: { streamId: `programme-${PID}`, eventId: "e-box", voidedType: "LivelihoodBallotBoxCounted", reason: "miscounted", voidedAt: NOW } },
    ]);
  });
});

describe("the recorded result against the tally (voiding)", () => {
  it("admits a close whose result has its keys in another order (a stored event's are sorted)", () => {
    const closed = closedWith([...present, counted("B-1", [ballot(["C-1"])])]);
    const { result } = closed.data;
    const reordered = { attendance: result.attendance, ballots: result.ballots, invalid: result.invalid, adopted: result.adopted, tieAtBoundary: result.tieAtBoundary, tally: Object.fromEntries(Object.entries(result.tally).reverse()) };
    const state = spec.given([...present, counted("B-1", [ballot(["C-1"])])]).state();
    expect(programmeDecider.admits(state, { ...closed, data: { ...closed.data, result: reordered } })).toBe(true);
    expect(programmeDecider.admits(state, { ...closed, data: { ...closed.data, result: { ...reordered, ballots: 2 } } })).toBe(false);
  });
});

describe("evaluation rounds (测评)", () => {
  const round = { programmeId: PID, roundId: "R-1", opensAt: "2024-10-01T00:00:00+08:00", closesAt: "2024-10-31T00:00:00+08:00" };
  it("opens after the vote is closed, once per round id, closing after it opens", () => {
    const closed = closedWith([...present, counted("B-1", [ballot(["C-1"])])]);
    const after = [...present, counted("B-1", [ballot(["C-1"])]), closed];
    spec.given(present).when(command("OpenLivelihoodEvaluationRound", round)).thenThrows("CONFLICT", "not closed");
    spec.given(after).when(command("OpenLivelihoodEvaluationRound", round)).then([{ type: "LivelihoodEvaluationRoundOpened", data: round }]);
    spec.given([...after, { type: "LivelihoodEvaluationRoundOpened", data: round }]).when(command("OpenLivelihoodEvaluationRound", round)).thenThrows("CONFLICT");
    spec.given(after).when(command("OpenLivelihoodEvaluationRound", { ...round, closesAt: round.opensAt })).thenThrows("DOMAIN_RULE", "closesAt");
  });
});
