import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashEvent, treeFilePath, type EventMetadata, type SignedTreeHead } from "@duty-ledger/event-store";
import { copyStoreFiles } from "@duty-ledger/testing";
import { generateKeyPairSync } from "node:crypto";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAuditCommand } from "../audit-command.js";
import { captureIo, openStore, rowsOf, streamWithEvents, tamper, tempDir, writeSampleStore, type EventRow } from "../audit.test-support.js";
import { signerOf } from "./signing-key.js";
import { signTreeHead } from "./tree-head-signature.js";

// Every tamper of trust.md, done to a copy of a store as an attacker with the file would do it,
// then `duty-ledger audit verify --head` (the command's own code) against a head saved before.

const temp = tempDir("tree-check");
const pristine = join(temp.dir, "pristine.sqlite");
const signer = signerOf(generateKeyPairSync("ed25519").privateKey);
let head: SignedTreeHead;
let headFile: string;

beforeAll(async () => {
  const size = await writeSampleStore(pristine);
  const store = openStore(pristine);
  try {
    const unsigned = await store.transparencyLog!.treeHead(size);
    head = signTreeHead(signer, unsigned, new Date());
  } finally {
    await store.close();
  }
  headFile = join(temp.dir, "head.json");
  writeFileSync(headFile, JSON.stringify(head));
});
afterAll(() => temp.remove());

let copies = 0;
const copy = (): string => {
  const path = join(temp.dir, `copy-${++copies}.sqlite`);
  copyStoreFiles(pristine, path);
  return path;
};

const verify = async (path: string, ...extra: string[]): Promise<{ code: number; out: string; err: string }> => {
  const io = captureIo(["verify", "--store-url", path, "--head", headFile, ...extra]);
  const code = await runAuditCommand(io);
  return { code, out: io.out.text(), err: io.err.text() };
};

/** Moves every event after `position` one place down (the gap an attacker hides). */
const closeGap = (db: Database.Database, position: number): void => {
  const rows = db.prepare("SELECT position FROM events WHERE position > ? ORDER BY position").pluck().all(position) as number[];
  const move = db.prepare("UPDATE events SET position = ? WHERE position = ?");
  for (const at of rows) move.run(at - 1, at);
};

/** Positions of events alone in their stream (one-event streams), ascending. */
const loneEvents = (db: Database.Database): number[] =>
  db.prepare("SELECT min(position) FROM events GROUP BY stream_id HAVING count(*) = 1 ORDER BY 1").pluck().all() as number[];

describe("audit verify --head: the log must extend a head the auditor kept", () => {
  it("an untouched store extends the head (and the head's signature verifies with the ledger's key)", async () => {
    const result = await verify(copy(), "--public-key", signer.publicKey.toString("base64url"));
    expect(result.out).toContain(`tree head ${head.treeSize} OK`);
    expect(result.code).toBe(0);
  });

  it("the last events deleted: fails, naming the first missing position", async () => {
    const path = copy();
    tamper(path, (db) => db.prepare("DELETE FROM events WHERE position > ?").run(head.treeSize - 3));
    const result = await verify(path);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`first bad position: ${head.treeSize - 2}`);
  });

  it("a one-event stream deleted and the gap closed: fails at its position", async () => {
    const path = copy();
    const removed = tamper(path, (db) => {
      const position = loneEvents(db)[3] as number;
      const streamId = db.prepare("SELECT stream_id FROM events WHERE position = ?").pluck().get(position) as string;
      db.prepare("DELETE FROM events WHERE position = ?").run(position);
      db.prepare("DELETE FROM streams WHERE stream_id = ?").run(streamId);
      closeGap(db, position);
      return position;
    });
    const result = await verify(path);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`first bad position: ${removed}`);
  });

  it("two streams swapped in the global order: fails at the first of them", async () => {
    const path = copy();
    const first = tamper(path, (db) => {
      const [a, , b] = loneEvents(db).slice(2) as [number, number, number];
      const park = db.prepare("UPDATE events SET position = ? WHERE position = ?");
      park.run(-1, a);
      park.run(a, b);
      park.run(b, -1);
      return a;
    });
    const result = await verify(path, "--json");
    const json = JSON.parse(result.out) as { problemCount: number; treeCheck: { ok: boolean; firstBadPosition: number } };
    expect(json.problemCount).toBe(0); // every chain still holds: only the tree tells
    expect(json.treeCheck).toMatchObject({ ok: false, firstBadPosition: first });
    expect(result.code).toBe(1);
  });

  it("an event rewritten and its stream's chain re-hashed: the chains hold, the tree names the event", async () => {
    const path = copy();
    const target = tamper(path, (db) => {
      const rows = rowsOf(db, streamWithEvents(db, 4));
      let prevHash = (rows[0] as EventRow) && (JSON.parse((rows[0] as EventRow).metadata) as EventMetadata).hash;
      for (const row of rows.slice(1)) {
        const data = row === rows[1] ? { ...(JSON.parse(row.data) as object), rewritten: true } : (JSON.parse(row.data) as unknown);
        const metadata = { ...(JSON.parse(row.metadata) as EventMetadata), prevHash };
        const hash = hashEvent({ streamId: row.stream_id, revision: row.revision, id: row.event_id, type: row.type, data, metadata });
        db.prepare("UPDATE events SET data = ?, metadata = ? WHERE position = ?").run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), row.position);
        prevHash = hash;
      }
      db.prepare("UPDATE streams SET last_hash = ? WHERE stream_id = ?").run(prevHash, (rows[0] as EventRow).stream_id);
      return rows[1] as EventRow;
    });
    const result = await verify(path, "--json");
    const json = JSON.parse(result.out) as { problemCount: number; treeCheck: { ok: boolean; firstBadPosition: number } };
    expect(json.problemCount).toBe(0);
    expect(json.treeCheck).toMatchObject({ ok: false, firstBadPosition: target.position });
    expect(result.code).toBe(1);
  });

  it("events and the store's own tree rewritten together: the root still gives it away", async () => {
    const path = copy();
    tamper(path, (db) => {
      const row = rowsOf(db, streamWithEvents(db, 2)).at(-1) as EventRow;
      const data = { ...(JSON.parse(row.data) as object), rewritten: true };
      const metadata = JSON.parse(row.metadata) as EventMetadata;
      const hash = hashEvent({ streamId: row.stream_id, revision: row.revision, id: row.event_id, type: row.type, data, metadata });
      db.prepare("UPDATE events SET data = ?, metadata = ? WHERE position = ?").run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), row.position);
      db.prepare("UPDATE streams SET last_hash = ? WHERE stream_id = ?").run(hash, row.stream_id);
    });
    rmSync(treeFilePath(path)); // the tree is derived: the store builds it again from the log
    const store = openStore(path);
    await store.transparencyLog!.treeHead(head.treeSize); // the store rebuilds its tree over the rewritten log
    await store.close();
    const result = await verify(path);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`tree head ${head.treeSize} MISMATCH`);
    expect(result.out).toContain("the store's own tree was rewritten");
  });

  it("a head signed by another key is refused; a head file that is not one is a usage error (exit 2)", async () => {
    const other = signerOf(generateKeyPairSync("ed25519").privateKey);
    expect((await verify(copy(), "--public-key", other.publicKey.toString("base64url"))).code).toBe(1);
    const forged = join(temp.dir, "forged.json");
    writeFileSync(forged, JSON.stringify({ ...head, rootHash: "00".repeat(32) }));
    const forgedRun = captureIo(["verify", "--store-url", copy(), "--head", forged, "--public-key", signer.publicKey.toString("base64url")]);
    expect(await runAuditCommand(forgedRun)).toBe(1);
    expect(forgedRun.err.text()).toContain("does not verify");
    for (const [content, message] of [
      ["not json", /is not JSON/],
      [JSON.stringify({ treeSize: -1, rootHash: "x" }), /is not a tree head/],
    ] as const) {
      const file = join(temp.dir, `bad-${copies++}.json`);
      writeFileSync(file, content);
      const io = captureIo(["verify", "--store-url", copy(), "--head", file]);
      expect(await runAuditCommand(io)).toBe(2);
      expect(io.err.text()).toMatch(message);
    }
    const missing = captureIo(["verify", "--store-url", copy(), "--head", join(temp.dir, "nowhere.json")]);
    expect(await runAuditCommand(missing)).toBe(2);
    expect(missing.err.text()).toContain("cannot read");
  });
});
