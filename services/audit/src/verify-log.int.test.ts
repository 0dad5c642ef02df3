import { join } from "node:path";
import { hashEvent, type EventMetadata } from "@duty-ledger/event-store";
import { appendSampleLog, copyStoreFiles, generateSampleLog } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, rowsOf, streamWithEvents, tamper, tempDir, writeSampleStore, type EventRow } from "./audit.test-support.js";
import { parseSeal } from "./seal.js";
import { verifyLog, type LogVerification } from "./verify-log.js";

// Tamper tests on a real SQLite file: the store is written through the port, then edited with
// raw better-sqlite3 the way someone with access to the file could, then verified through the port.

let temp: ReturnType<typeof tempDir>;
let pristine: string;
let head: number;

beforeAll(async () => {
  temp = tempDir("verify");
  pristine = join(temp.dir, "pristine.sqlite");
  head = await writeSampleStore(pristine);
});

afterAll(() => temp.remove());

let copies = 0;
/** A fresh copy of the pristine store file. */
const copy = (): string => {
  const path = join(temp.dir, `copy-${++copies}.sqlite`);
  copyStoreFiles(pristine, path);
  return path;
};

const verifyFile = async (path: string, options: Parameters<typeof verifyLog>[1] = {}): Promise<LogVerification> => {
  const store = openStore(path);
  try {
    return await verifyLog(store, options);
  } finally {
    await store.close();
  }
};

/** Replaces the first character of the first string value of `json` by another letter: one byte. */
const flipOneByte = (json: string): string => {
  const match = /:"([A-Za-z0-9])/.exec(json);
  if (match === null) throw new Error(`no string value in ${json}`);
  const at = match.index + 2;
  const replacement = json[at] === "x" ? "y" : "x";
  return `${json.slice(0, at)}${replacement}${json.slice(at + 1)}`;
};

describe("verifyLog on an untouched store", () => {
  it("reports ok with the counts of the log", async () => {
    const result = await verifyFile(pristine);
    const streams = tamper(pristine, (db) => db.prepare("SELECT count(DISTINCT stream_id) FROM events").pluck().get() as number);
    expect(result).toMatchObject({ ok: true, events: head, streams, position: head, upTo: head, head, problemCount: 0, brokenStreams: 0, problems: [] });
    expect(result.firstBroken).toBeUndefined();
    expect(parseSeal(result.seal)?.events).toBe(head);
  });
});

describe("tampering with one event is detected and named", () => {
  it("one byte of an event's data changed: altered", async () => {
    const path = copy();
    const target = tamper(path, (db) => {
      const row = rowsOf(db, streamWithEvents(db, 4))[1] as EventRow;
      const data = flipOneByte(row.data);
      JSON.parse(data); // still valid JSON: only the hash can tell
      expect(Buffer.byteLength(data)).toBe(Buffer.byteLength(row.data));
      db.prepare("UPDATE events SET data = ? WHERE position = ?").run(data, row.position);
      return row;
    });
    const result = await verifyFile(path);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({
      streamId: target.stream_id,
      revision: 1,
      eventId: target.event_id,
      position: target.position,
      problem: "altered",
      detail: expect.stringContaining("does not match its hash") as unknown,
    });
    expect(result.brokenStreams).toBe(1);
  });

  it("an event deleted from the middle of its stream: missing", async () => {
    const path = copy();
    const [deleted, next] = tamper(path, (db) => {
      const rows = rowsOf(db, streamWithEvents(db, 4));
      db.prepare("DELETE FROM events WHERE position = ?").run((rows[1] as EventRow).position);
      return [rows[1] as EventRow, rows[2] as EventRow];
    });
    const result = await verifyFile(path);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ streamId: deleted.stream_id, revision: 2, eventId: next.event_id, problem: "missing", detail: "revision 1 is missing" });
    // The absent position is reported too (dense positions).
    expect(result.problems).toContainEqual(expect.objectContaining({ problem: "missing", position: deleted.position, streamId: null }));
    expect(result.events).toBe(head - 1);
  });

  it("the last event of a stream deleted: missing (the store's record of the stream head disagrees)", async () => {
    const path = copy();
    const deleted = tamper(path, (db) => {
      // A stream whose last event is not the last of the log, so the position gap shows too.
      const rows = rowsOf(db, streamWithEvents(db, 3));
      const last = rows[rows.length - 1] as EventRow;
      db.prepare("DELETE FROM events WHERE position = ?").run(last.position);
      return last;
    });
    const result = await verifyFile(path);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ streamId: deleted.stream_id, revision: deleted.revision, problem: "missing" });
    expect(result.firstBroken?.detail).toContain(`revision ${deleted.revision} is missing`);
  });

  it("two events of a stream swapped in the log: reordered", async () => {
    const path = copy();
    const [first, second] = tamper(path, (db) => {
      const rows = rowsOf(db, streamWithEvents(db, 4));
      const a = rows[1] as EventRow;
      const b = rows[2] as EventRow;
      const move = db.prepare("UPDATE events SET position = ? WHERE position = ?");
      db.transaction(() => {
        move.run(-1, a.position);
        move.run(a.position, b.position);
        move.run(b.position, -1);
      })();
      return [a, b];
    });
    const result = await verifyFile(path);
    expect(result.ok).toBe(false);
    // Revision 2 now stands at revision 1's old position, before revision 1.
    expect(result.firstBroken).toMatchObject({ streamId: first.stream_id, revision: 2, eventId: second.event_id, position: first.position, problem: "reordered" });
    expect(result.firstBroken?.detail).toBe(`revision 2 (position ${first.position}) comes before revision 1 (position ${second.position}) in the global order`);
    expect(result.problemCount).toBe(1);
  });

  it("an event's metadata edited (the actor): altered", async () => {
    const path = copy();
    const target = tamper(path, (db) => {
      const row = rowsOf(db, streamWithEvents(db, 4))[2] as EventRow;
      const metadata = JSON.parse(row.metadata) as EventMetadata;
      db.prepare("UPDATE events SET metadata = ? WHERE position = ?").run(JSON.stringify({ ...metadata, actor: { ...metadata.actor, id: "someone-else" } }), row.position);
      return row;
    });
    const result = await verifyFile(path);
    expect(result.firstBroken).toMatchObject({ streamId: target.stream_id, revision: 2, eventId: target.event_id, position: target.position, problem: "altered" });
  });

  it("an event's recordedAt edited: altered", async () => {
    const path = copy();
    const target = tamper(path, (db) => {
      const row = rowsOf(db, streamWithEvents(db, 4))[0] as EventRow;
      const metadata = JSON.parse(row.metadata) as EventMetadata;
      db.prepare("UPDATE events SET metadata = ? WHERE position = ?").run(JSON.stringify({ ...metadata, recordedAt: "2020-01-01T00:00:00.000Z" }), row.position);
      return row;
    });
    const result = await verifyFile(path);
    expect(result.firstBroken).toMatchObject({ eventId: target.event_id, revision: 0, problem: "altered" });
  });

  it("an event rewritten and re-hashed: its successor's link names it (altered)", async () => {
    const path = copy();
    const [target, next] = tamper(path, (db) => {
      const rows = rowsOf(db, streamWithEvents(db, 4));
      const row = rows[1] as EventRow;
      const data = JSON.parse(flipOneByte(row.data)) as unknown;
      const metadata = JSON.parse(row.metadata) as EventMetadata;
      const hash = hashEvent({ streamId: row.stream_id, revision: row.revision, id: row.event_id, type: row.type, data, metadata });
      db.prepare("UPDATE events SET data = ?, metadata = ? WHERE position = ?").run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), row.position);
      return [row, rows[2] as EventRow];
    });
    const result = await verifyFile(path);
    expect(result.firstBroken).toMatchObject({ streamId: target.stream_id, revision: 2, eventId: next.event_id, problem: "altered" });
    expect(result.firstBroken?.detail).toContain("prevHash of revision 2");
  });

  it("a row whose data is no longer JSON: read past, reported, and its stream broken", async () => {
    const path = copy();
    const target = tamper(path, (db) => {
      const row = rowsOf(db, streamWithEvents(db, 4))[1] as EventRow;
      db.prepare("UPDATE events SET data = ? WHERE position = ?").run(row.data.slice(0, -1), row.position);
      return row;
    });
    const result = await verifyFile(path);
    expect(result.ok).toBe(false);
    expect(result.events).toBe(head - 1);
    expect(result.problems).toContainEqual(expect.objectContaining({ problem: "altered", position: target.position, detail: expect.stringContaining("cannot be read") as unknown }));
    expect(result.firstBroken).toMatchObject({ streamId: target.stream_id, revision: 2, problem: "missing" });
  });

  it("verifies up to a position only", async () => {
    const path = copy();
    const last = tamper(path, (db) => {
      const row = db.prepare("SELECT * FROM events ORDER BY position DESC LIMIT 1").get() as EventRow;
      db.prepare("UPDATE events SET data = ? WHERE position = ?").run(flipOneByte(row.data), row.position);
      return row;
    });
    expect((await verifyFile(path, { upTo: last.position - 1 })).ok).toBe(true);
    expect((await verifyFile(path)).firstBroken).toMatchObject({ position: last.position, problem: "altered" });
  });
});

describe("the seal", () => {
  it("proves later that the sealed part of the log is unchanged, while the log grows", async () => {
    const path = copy();
    const sealed = await verifyFile(path);
    const seal = parseSeal(sealed.seal);
    if (seal === null) throw new Error("no seal");
    const store = openStore(path);
    await appendSampleLog(store, generateSampleLog({ seed: 99, deputies: 3, units: 2, stations: 1, contacts: 5, suggestions: 5, idPrefix: "later-" }));
    await store.close();
    const later = await verifyFile(path, { seal });
    expect(later.ok).toBe(true);
    expect(later.events).toBeGreaterThan(seal.events);
    expect(later.sealCheck).toMatchObject({ ok: true, seal: sealed.seal });
  });

  it("catches a forgery the chains cannot: the last event of a stream rewritten and re-hashed, stream head updated", async () => {
    const path = copy();
    const seal = parseSeal((await verifyFile(path)).seal);
    if (seal === null) throw new Error("no seal");
    const forged = tamper(path, (db) => {
      const rows = rowsOf(db, streamWithEvents(db, 3));
      const row = rows[rows.length - 1] as EventRow;
      const data = JSON.parse(flipOneByte(row.data)) as unknown;
      const metadata = JSON.parse(row.metadata) as EventMetadata;
      const hash = hashEvent({ streamId: row.stream_id, revision: row.revision, id: row.event_id, type: row.type, data, metadata });
      db.prepare("UPDATE events SET data = ?, metadata = ? WHERE position = ?").run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), row.position);
      db.prepare("UPDATE streams SET last_hash = ? WHERE stream_id = ?").run(hash, row.stream_id);
      return row;
    });
    const plain = await verifyFile(path);
    expect(plain.problemCount).toBe(0); // a consistent forgery: every chain holds…
    expect(plain.treeCheck).toMatchObject({ against: "store", ok: false, firstBadPosition: forged.position }); // …but not the store's Merkle tree
    expect(plain.ok).toBe(false);
    const checked = await verifyFile(path, { seal });
    expect(checked.ok).toBe(false);
    expect(checked.sealCheck).toMatchObject({ ok: false });
    expect(checked.sealCheck?.actual).not.toBe(checked.sealCheck?.seal);
  });

  it("catches the removal of the log's last events, which no chain shows", async () => {
    const path = copy();
    const seal = parseSeal((await verifyFile(path)).seal);
    if (seal === null) throw new Error("no seal");
    tamper(path, (db) => {
      const last = db.prepare("SELECT * FROM events ORDER BY position DESC LIMIT 1").get() as EventRow;
      db.prepare("DELETE FROM events WHERE position = ?").run(last.position);
      db.prepare("UPDATE streams SET last_revision = last_revision - 1, last_hash = ? WHERE stream_id = ?").run(
        (JSON.parse(last.metadata) as EventMetadata).prevHash ?? "",
        last.stream_id,
      );
    });
    const checked = await verifyFile(path, { seal });
    expect(checked.ok).toBe(false);
    expect(checked.sealCheck).toMatchObject({ ok: false, actual: null });
  });
});
