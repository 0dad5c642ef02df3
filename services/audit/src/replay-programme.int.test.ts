import { join } from "node:path";
import { tallyVote, type Ballot, type VoteResult } from "@duty-ledger/domain";
import type { NewEvent } from "@duty-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAuditCommand } from "./audit-command.js";
import { captureIo, openStore, rowsOf, tamper, tempDir } from "./audit.test-support.js";
import type { ProgrammeReplay } from "./replay-programme.js";

/**
 * `duty-ledger audit replay --programme ID` on real SQLite stores: a vote whose recorded result
 * is the recount (exit 0), and logs that are not — a close recording another result, a ballot
 * altered in the file afterwards, a box counted twice — each refused (exit 1) with the first
 * discrepancy named.
 */

const P = "LP-AUDIT";
const office = { actor: { id: "O-1", role: "office" } };
const shortlist = ["C-1", "C-2", "C-3", "C-4"];
const deputies = Array.from({ length: 11 }, (_, i) => `D-${i + 1}`);
const yes = (...ids: string[]): Ballot => ({ choices: Object.fromEntries(shortlist.map((id) => [id, ids.includes(id) ? "yes" : "no"])) });
const boxes: { boxId: string; ballots: Ballot[]; invalid: number }[] = [
  { boxId: "B-1", ballots: [yes("C-1", "C-2"), yes("C-1", "C-2"), yes("C-1", "C-3"), yes("C-1", "C-2"), yes("C-2", "C-3"), { choices: { "C-1": "yes", "C-9": "yes" } }], invalid: 0 },
  { boxId: "B-2", ballots: [yes("C-1", "C-2"), yes("C-1", "C-2"), yes("C-3"), { choices: { "C-1": "abstain" } }], invalid: 1 },
];
const resultOf = (counted: typeof boxes): VoteResult => tallyVote({ shortlist, slots: 2, electorateSize: 11, attendance: 11, boxes: counted });

const event = (id: string, type: string, data: Record<string, unknown>): NewEvent => ({ id, type, data: { programmeId: P, ...data }, metadata: office });

/** The programme's stream up to the vote: opened, four candidates, shortlist, attendance, the boxes. */
const beforeClose = (counted: typeof boxes = boxes): NewEvent[] => [
  event("e-open", "LivelihoodProgrammeOpened", { title: "2024 年民生实事", year: 2024, session: "2024", slots: 2, electorateSize: 11, collectUntil: "2024-01-31T00:00:00+08:00", openedAt: "2024-01-02T09:00:00+08:00" }),
  ...shortlist.map((candidateId) =>
    event(`e-${candidateId}`, "LivelihoodCandidateProposed", {
      candidateId,
      title: `项目 ${candidateId}`,
      description: "村道硬化",
      proposedBy: { kind: "public" },
      estimatedBudgetYuan: 25_000_000,
      responsibleUnitId: "U-1",
      proposedAt: "2024-01-05T09:00:00+08:00",
    }),
  ),
  event("e-short", "LivelihoodShortlistDecided", { candidateIds: shortlist, decidedAt: "2024-02-01T09:00:00+08:00", reason: "差额" }),
  event("e-att", "LivelihoodAttendanceRecorded", { deputyIds: deputies, attendedAt: "2024-03-01T09:00:00+08:00" }),
  ...counted.map((box) => event(`e-${box.boxId}`, "LivelihoodBallotBoxCounted", { boxId: box.boxId, countedAt: "2024-03-01T11:00:00+08:00", ballots: box.ballots, invalid: box.invalid })),
];
const closed = (result: VoteResult): NewEvent => event("e-close", "LivelihoodVoteClosed", { closedAt: "2024-03-01T12:00:00+08:00", result });

let temp: ReturnType<typeof tempDir>;

/** A store file holding `events` in the programme's stream. */
const storeWith = async (name: string, events: readonly NewEvent[]): Promise<string> => {
  const path = join(temp.dir, `${name}.sqlite`);
  const store = openStore(path);
  try {
    await store.append(`programme-${P}`, events);
  } finally {
    await store.close();
  }
  return path;
};

const run = async (argv: readonly string[]) => {
  const io = captureIo(argv, {});
  const code = await runAuditCommand(io);
  return { code, out: io.out.text(), err: io.err.text() };
};

const replayJson = async (path: string): Promise<{ code: number; replay: ProgrammeReplay }> => {
  const result = await run(["replay", "--programme", P, "--store-url", path, "--json"]);
  return { code: result.code, replay: JSON.parse(result.out) as ProgrammeReplay };
};

beforeAll(() => {
  temp = tempDir("programme");
});

afterAll(() => temp.remove());

describe("duty-ledger audit replay --programme", () => {
  it("a vote whose recorded result is the recount: OK, exit 0, the tally printed", async () => {
    const path = await storeWith("consistent", [...beforeClose(), closed(resultOf(boxes))]);
    const text = await run(["replay", "--programme", P, "--store-url", path]);
    expect(text.code, text.out + text.err).toBe(0);
    expect(text.out).toContain("recounted: adopted [C-1, C-2]");
    expect(text.out.trim().endsWith("OK: the recorded result is the recount, digit for digit")).toBe(true);
    const { code, replay } = await replayJson(path);
    expect(code).toBe(0);
    expect(replay).toMatchObject({ ok: true, boxes: 2, ballots: 11, firstDiscrepancy: null, recorded: resultOf(boxes), recomputed: resultOf(boxes) });
    expect(replay.recomputed?.tally["C-1"]).toEqual({ yes: 6, no: 2, abstain: 1 });
  });

  it("the replay names no deputy: it reads ballots, and a ballot names no one", async () => {
    const path = await storeWith("anonymous", [...beforeClose(), closed(resultOf(boxes))]);
    const json = await run(["replay", "--programme", P, "--store-url", path, "--json"]);
    const text = await run(["replay", "--programme", P, "--store-url", path]);
    for (const out of [json.out, text.out]) expect(out).not.toMatch(/D-\d/);
  });

  it("a close recording another result than the ballots give: exit 1, the first discrepancy named", async () => {
    const recorded = resultOf(boxes);
    const inflated: VoteResult = { ...recorded, tally: { ...recorded.tally, "C-3": { yes: 9, no: 0, abstain: 0 } }, adopted: ["C-1", "C-3"] };
    const path = await storeWith("inconsistent", [...beforeClose(), closed(inflated)]);
    const { code, replay } = await replayJson(path);
    expect(code).toBe(1);
    expect(replay.ok).toBe(false);
    expect(replay.firstDiscrepancy).toMatchObject({ path: "result.adopted[1]", recomputed: "C-2", recorded: "C-3", eventId: "e-close" });
    expect(replay.discrepancies.map((d) => d.path)).toEqual(["result.adopted[1]", "result.tally.C-3.yes", "result.tally.C-3.no"]);
    const text = await run(["replay", "--programme", P, "--store-url", path]);
    expect(text.code).toBe(1);
    expect(text.out).toContain('first discrepancy: result.adopted[1]: recounted "C-2", recorded "C-3"');
    expect(text.out.trim().endsWith("MISMATCH")).toBe(true);
  });

  it("a ballot altered in the store's file after the close (a tampered log): exit 1 at the tally", async () => {
    const path = await storeWith("tampered", [...beforeClose(), closed(resultOf(boxes))]);
    tamper(path, (db) => {
      const row = rowsOf(db, `programme-${P}`).find((r) => r.event_id === "e-B-2");
      if (row === undefined) throw new Error("no box B-2 in the file");
      const data = JSON.parse(row.data) as { ballots: Ballot[] };
      data.ballots[2] = yes("C-3", "C-4");
      db.prepare("UPDATE events SET data = ? WHERE event_id = ?").run(JSON.stringify(data), "e-B-2");
    });
    const { code, replay } = await replayJson(path);
    expect(code).toBe(1);
    expect(replay.firstDiscrepancy).toMatchObject({ path: "result.tally.C-4.yes", recomputed: 1, recorded: 0 });
    expect(replay.discrepancies.map((d) => d.path)).toEqual(["result.tally.C-4.yes", "result.tally.C-4.no"]);
  });

  it("a box counted twice, and ballots beyond the attendance: named at the box's event", async () => {
    const twice = [...boxes, { ...boxes[1], boxId: "B-2" } as (typeof boxes)[number]];
    const events = beforeClose(twice).map((e, i, all) => (i === all.length - 1 ? { ...e, id: "e-B-2-again" } : e));
    const path = await storeWith("twice", [...events, closed(resultOf(twice))]);
    const { code, replay } = await replayJson(path);
    expect(code).toBe(1);
    expect(replay.discrepancies.map((d) => [d.path, d.eventId])).toEqual([
      ["box", "e-B-2-again"],
      ["ballots", "e-B-2-again"],
    ]);
    expect(replay.firstDiscrepancy?.detail).toBe("ballot box B-2 counted a second time");
  });

  it("a voided box is left out of the recount: voided before the close, the close's result without it is right", async () => {
    const voiding: NewEvent = {
      id: "e-void",
      type: "EventVoided",
      data: { streamId: `programme-${P}`, eventId: "e-B-2", voidedType: "LivelihoodBallotBoxCounted", reason: "计票错误", voidedAt: "2024-03-01T11:30:00+08:00" },
      metadata: office,
    };
    const path = await storeWith("voided", [...beforeClose(), voiding, closed(resultOf([boxes[0] as (typeof boxes)[number]]))]);
    const { code, replay } = await replayJson(path);
    expect(code, JSON.stringify(replay.discrepancies)).toBe(0);
    expect(replay).toMatchObject({ ok: true, boxes: 1, ballots: 6 });
  });

  it("an open vote: the recount so far, nothing recorded to check (exit 0); an unknown programme exit 1; --programme with --ranking is a usage mistake", async () => {
    const path = await storeWith("open", beforeClose());
    const { code, replay } = await replayJson(path);
    expect(code).toBe(0);
    expect(replay).toMatchObject({ ok: true, closedAt: null, recorded: null, recomputed: resultOf(boxes) });
    const unknown = await run(["replay", "--programme", "NOPE", "--store-url", path]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("no livelihood programme NOPE");
    expect((await run(["replay", "--programme", P, "--ranking", "R-1", "--store-url", path])).code).toBe(2);
  });
});
