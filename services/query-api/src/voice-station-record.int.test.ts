import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteEventStore, type SqliteEventStore } from "@duty-ledger/event-store";
import { createSimulatedClock, seedStore } from "@duty-ledger/generator";
import {
  createMemoryReadModelStore,
  createProjectionEngine,
  createSqliteReadModelStore,
  OPINIONS,
  opinionReaders,
  opinionsProjection,
  stationRecordOf,
  type ContactOpinionsDoc,
  type OpinionsDoc,
  type ReadModelStore,
} from "@duty-ledger/projections";
import { silentLogger } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A station's record (`GET /v1/stations/:id/record`) reads only the part of the station's
 * `station` index that may hold the year's contacts by `asOf`: over a generated county, projected
 * into the SQLite and the memory read-model stores, it must answer byte for byte what summing
 * every contact document of the station (`stationRecordOf`) answers, for every station, every
 * year and many an `asOf`.
 */

let dir: string;
let log: SqliteEventStore;
const stores: [string, ReadModelStore][] = [];

const project = async (readModels: ReadModelStore): Promise<ReadModelStore> => {
  const engine = createProjectionEngine({ store: log, readModels, projections: [opinionsProjection], logger: silentLogger });
  await engine.start();
  const caughtUp = await engine.waitFor(await log.headPosition(), 120_000);
  await engine.stop();
  if (!caughtUp) throw new Error("the opinions projection did not reach the head");
  return readModels;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "duty-ledger-station-record-"));
  const clock = createSimulatedClock();
  log = createSqliteEventStore({ path: join(dir, "events.sqlite"), now: clock.now, durability: "normal", pollIntervalMs: 0 });
  await seedStore(log, { profile: "county", seed: 11 }, { clock });
  stores.push(["SQLite", await project(createSqliteReadModelStore({ path: join(dir, "read-models.sqlite") }))], ["memory", await project(createMemoryReadModelStore())]);
}, 240_000);

afterAll(async () => {
  for (const [, store] of stores) await store.close();
  await log?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const iso = (ms: number): string => new Date(ms).toISOString();

describe.each([["SQLite"], ["memory"]])("a station's record on the %s store", (name) => {
  it("is what summing the station's contact documents gives, for every station, year and asOf", async () => {
    const store = stores.find(([n]) => n === name)?.[1] as ReadModelStore;
    const readers = opinionReaders(store);
    const stationIds = (await store.queryIndex(OPINIONS, { name: "registered", values: ["station"] })).map((hit) => hit.key.slice("station-".length));
    expect(stationIds.length).toBeGreaterThan(10);
    // Every station's contacts, from the contacts' own documents: the summation the record replaced.
    const contactsOf = new Map<string, ContactOpinionsDoc[]>();
    const years = new Set<number>();
    const instants: number[] = [];
    for (const stationId of stationIds) {
      const contacts = (await store.listByIndex<OpinionsDoc>(OPINIONS, { name: "station", values: [stationId] })).flatMap((hit) => (hit.doc.kind === "contact" ? [hit.doc] : []));
      contactsOf.set(stationId, contacts);
      for (const doc of contacts) {
        if (doc.contact !== null) years.add(doc.contact.year);
        for (const referral of Object.values(doc.referrals)) instants.push(Date.parse(referral.dueAt), ...referral.steps.map((step) => Date.parse(step.at)));
      }
    }
    instants.sort((a, b) => a - b);
    expect(instants.length).toBeGreaterThan(100);
    // Due dates and steps' times themselves, a millisecond either side; mid-year, the year's end, the future.
    const picked = Array.from({ length: 6 }, (_, i) => instants[Math.floor((i * (instants.length - 1)) / 5)] as number);
    const asOfs = [
      ...picked.flatMap((ms) => [iso(ms - 1), iso(ms), iso(ms + 1)]),
      ...[...years].flatMap((year) => [`${year}-06-30T12:00:00+08:00`, `${year}-12-31T23:59:59.999+08:00`]),
      "2030-01-01T00:00:00+08:00",
    ];
    let compared = 0;
    let counted = 0;
    for (const stationId of stationIds) {
      for (const year of [...years, Math.max(...years) + 1]) {
        for (const asOf of asOfs) {
          const record = await readers.getStationRecord(stationId, year, asOf);
          const want = stationRecordOf(stationId, year, contactsOf.get(stationId) ?? [], asOf);
          expect(JSON.stringify(record), `${stationId} ${year} ${asOf}`).toBe(JSON.stringify(want));
          compared += 1;
          if (want.referred > 0 && want.answered > 0) counted += 1;
        }
      }
    }
    // The county gives the comparison something to count.
    expect(compared).toBeGreaterThan(500);
    expect(counted).toBeGreaterThan(100);
    expect(await readers.getStationRecord("ST-NONE", [...years][0] as number, asOfs[0] as string)).toBeNull();
  }, 120_000);
});
