import { ProjectionSpecification, type GivenProjectionEvent } from "@duty-ledger/testing";
import { afterAll, describe, expect, it } from "vitest";
import { contactRecorded, participationConfirmed, voided } from "./events.test-support.js";
import { createMemoryReadModelStore } from "./memory-read-model-store.js";
import { opinionReaders } from "./opinion-readers.js";
import { OPINIONS, opinionsProjection, type ContactOpinionsDoc, type OpinionsDoc } from "./opinions-projection.js";
import { stationRecordOf } from "./opinions-view.js";
import { foldDocument } from "./projection.js";
import type { ReadModelStore } from "./read-model-store.js";
import { createSqliteReadModelStore } from "./sqlite-read-model-store.js";

/**
 * `getStationRecord` reads only the part of the station's `station` index (sorted by
 * `occurredAt` as written, in any offset) that may hold the year's contacts by `asOf`: it must
 * answer what summing every contact of the station gives, for contacts recorded in offsets from
 * -12:00 to +14:00 at the edges of the Shanghai year, for every year and many an `asOf`, on the
 * SQLite and the memory stores.
 */

const spec = ProjectionSpecification.for(opinionsProjection, foldDocument);

/** Instants around the Shanghai new years 2024 and 2025, written in several offsets. */
const edges = ["2023-12-31T23:59:59.999+08:00", "2024-01-01T00:00:00+08:00", "2024-12-31T23:59:59.999+08:00", "2025-01-01T00:00:00+08:00"];
const offsets = ["-12:00", "-05:00", "Z", "+08:00", "+14:00"];

const written = (iso: string, offset: string): string => {
  const ms = Date.parse(iso);
  const shift = offset === "Z" ? 0 : (offset.startsWith("-") ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return `${new Date(ms + shift).toISOString().slice(0, 23)}${offset === "Z" ? "Z" : offset}`;
};

const log: GivenProjectionEvent[] = [{ id: "s1", type: "StationRegistered", data: { stationId: "ST-1", name: "城关联络站", region: "城关镇", registeredAt: "2023-01-02T09:00:00+08:00" } }];
let n = 0;
for (const edge of edges) {
  for (const offset of offsets) {
    for (const delta of [-3_600_000, 0, 3_600_000]) {
      n += 1;
      const contactId = `C-${n}`;
      const occurredAt = written(new Date(Date.parse(edge) + delta).toISOString(), offset);
      log.push(contactRecorded(`c${n}`, contactId, { occurredAt, constituents: n, deputyIds: [`D-${n % 4}`, `D-${4 + (n % 3)}`], unconfirmedDeputyIds: [`D-${4 + (n % 3)}`] }));
      log.push({ id: `r${n}`, type: "OpinionReferred", data: { contactId, opinionId: `${contactId}-o1`, unitId: "U-1", referredAt: written(new Date(Date.parse(occurredAt) + 86_400_000).toISOString(), offset), dueAt: "2025-01-20T23:59:59.999+08:00" } });
      if (n % 2 === 0) log.push({ id: `a${n}`, type: "OpinionAnswered", data: { contactId, opinionId: `${contactId}-o1`, unitId: "U-1", answeredAt: "2025-01-10T09:00:00+08:00", text: "已办", outcome: n % 4 === 0 ? "resolved" : "explained" } });
      if (n % 5 === 0) log.push(participationConfirmed(`p${n}`, contactId, `D-${4 + (n % 3)}`, "2024-06-01T10:00:00-05:00"));
    }
  }
}
log.push(contactRecorded("c-mid", "C-mid", { occurredAt: "2024-07-01T10:00:00+08:00" }), contactRecorded("c-other", "C-other", { stationId: "ST-2" }));
log.push(voided("x1", "contact-C-3", "c3", "ContactRecorded"));

const docs = spec.given(log).docs() as Record<string, OpinionsDoc>;
const contacts = Object.values(docs).filter((doc): doc is ContactOpinionsDoc => doc.kind === "contact");

const fill = async (store: ReadModelStore): Promise<ReadModelStore> => {
  await store.transaction((writer) => {
    for (const [key, doc] of Object.entries(docs)) writer.put(OPINIONS, key, doc, opinionsProjection.indexesOf?.(doc, key) ?? []);
  });
  return store;
};

const sqlite = createSqliteReadModelStore({ path: ":memory:" });
afterAll(async () => sqlite.close());

const asOfs = [
  ...edges.flatMap((edge) => [-86_400_000, -3_600_001, -1, 0, 1, 3_600_000, 86_400_000].map((delta) => new Date(Date.parse(edge) + delta).toISOString())),
  "2023-06-01T00:00:00Z",
  "2024-07-01T10:00:00+08:00",
  "2025-01-10T09:00:00-12:00",
  "2026-12-07T12:00:00+08:00",
];

describe.each([
  ["SQLite", () => fill(sqlite)],
  ["memory", () => fill(createMemoryReadModelStore())],
])("a station's record on the %s store", (_name, open) => {
  it("sums exactly the station's contacts of the Shanghai year by asOf, whatever offset they were written in", async () => {
    const readers = opinionReaders(await open());
    let counted = 0;
    for (const year of [2023, 2024, 2025, 2026]) {
      for (const asOf of asOfs) {
        const want = stationRecordOf("ST-1", year, contacts, asOf);
        expect(JSON.stringify(await readers.getStationRecord("ST-1", year, asOf)), `${year} ${asOf}`).toBe(JSON.stringify(want));
        counted += want.receptions;
      }
    }
    expect(counted).toBeGreaterThan(200);
    // Per offset, six instants of the Shanghai 2024 (an hour either side of its edges, and its edges); one contact in mid-year, one voided.
    expect(await readers.getStationRecord("ST-1", 2024, "2024-12-31T23:59:59.999+08:00")).toMatchObject({ receptions: 6 * offsets.length });
    expect(await readers.getStationRecord("ST-9", 2024, "2024-12-31T23:59:59.999+08:00")).toBeNull();
  });
});
