import { join } from "node:path";
import { Writable } from "node:stream";
import { runAuditCommand, type ProgrammeReplay } from "@duty-ledger/audit";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";
import { ago, registerPeople, send, votedProgramme, written } from "./livelihood.test-support.js";

/**
 * The auditors' replay of a programme (design/livelihood.md) on the log the real all-in-one
 * server wrote through HTTP: the recount equals the recorded result (exit 0), also after the
 * office voided the close and a ballot box and closed the vote again; and the replayed result is
 * the one the programme's read answers with.
 */

let server: AllInOne;
let office: string;
const P = "LP-AUDITED";

const capture = () => {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
};

const replay = async (): Promise<{ code: number; replay: ProgrammeReplay }> => {
  const out = capture();
  const err = capture();
  const code = await runAuditCommand({ argv: ["replay", "--programme", P, "--json", "--store-url", join(server.dataDir, "events.sqlite")], env: {}, stdout: out.stream, stderr: err.stream });
  return { code, replay: JSON.parse(out.text()) as ProgrammeReplay };
};

const streamEvents = async (): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of server.store.readStream(`programme-${P}`)) events.push(event);
  return events;
};

beforeAll(async () => {
  server = await startAllInOne({ DUTY_LEDGER_RATE_LIMIT_PER_IP: "0", DUTY_LEDGER_RATE_LIMIT_PER_SUBJECT: "0" });
  office = await server.token("office", "O-1");
  await registerPeople(server, office);
  await votedProgramme(server, office, await server.token("deputy", "D-1"), P);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("duty-ledger audit replay --programme on the server's log", () => {
  it("the recorded result is the recount of the ballots written through HTTP (exit 0), and the read answers with it", async () => {
    const { code, replay: replayed } = await replay();
    expect(code, JSON.stringify(replayed.discrepancies)).toBe(0);
    expect(replayed).toMatchObject({ ok: true, boxes: 2, ballots: 4, recorded: { adopted: ["C-1", "C-2"] } });
    const read = await send(server, `/v1/livelihood/programmes/${P}?minPosition=${await server.store.headPosition()}`, office);
    expect(read.body["result"]).toMatchObject({ ...replayed.recorded, recountMatches: true });
  });

  it("after the office voids the close and a box and closes again, the new result is again the recount", async () => {
    const events = await streamEvents();
    const close = events.find((event) => event.type === "LivelihoodVoteClosed");
    const box = events.find((event) => event.type === "LivelihoodBallotBoxCounted" && (event.data as { boxId: string }).boxId === "B-2");
    await written(server, "/v1/events:void", office, { eventId: close?.id, reason: "计票有误，重新计票" });
    await written(server, "/v1/events:void", office, { eventId: box?.id, reason: "该票箱重复计入" });
    const closedAgain = await written(server, `/v1/livelihood/programmes/${P}/close-vote`, office, { closedAt: ago(0.2) });
    // Without B-2, C-1 has 2 yes of an electorate of 5: no longer a majority.
    expect(closedAgain).toMatchObject({ ballots: 3, invalid: 1, adopted: [], tally: { "C-1": { yes: 2 } } });
    const { code, replay: replayed } = await replay();
    expect(code, JSON.stringify(replayed.discrepancies)).toBe(0);
    expect(replayed).toMatchObject({ ok: true, boxes: 1, ballots: 3, recorded: { ballots: 3, adopted: [] }, recomputed: { ballots: 3, adopted: [] } });
  });
});
