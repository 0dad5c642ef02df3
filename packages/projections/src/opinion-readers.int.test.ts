import { ProjectionSpecification, type GivenProjectionEvent } from "@duty-ledger/testing";
import { afterAll, describe, expect, it } from "vitest";
import { contactRecorded, voided } from "./events.test-support.js";
import { createMemoryReadModelStore } from "./memory-read-model-store.js";
import { opinionReaders, type OpinionListFilters } from "./opinion-readers.js";
import { opinionStatuses } from "./opinion-referral-state.js";
import { OPINIONS, opinionsProjection, type ContactOpinionsDoc, type OpinionsDoc } from "./opinions-projection.js";
import { opinionItemsOf, type OpinionItem } from "./opinions-view.js";
import { foldDocument } from "./projection.js";
import type { IndexQuery, ReadModelStore } from "./read-model-store.js";
import { createSqliteReadModelStore } from "./sqlite-read-model-store.js";

/**
 * The opinions list pages through its indexes (each referral under its latest state) and
 * computes the contacts changed after `asOf` as of then: whatever the asOf, filters, status
 * and page size, the pages put together are exactly every referred opinion as of asOf,
 * filtered and ordered by due date in force, then contact and opinion id — computed here from
 * every document — on the SQLite store and the memory store.
 */

const DAY = 86_400_000;
const start = Date.parse("2024-01-01T09:00:00+08:00");
const iso = (ms: number): string => new Date(ms).toISOString();

/** A small deterministic generator (LCG). */
const randomOf = (seed: number) => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, int: (n: number): number => Math.floor(next() * n), chance: (p: number): boolean => next() < p };
};

/** 60 contacts at three stations (and a few online, at none), their opinions referred, answered, re-opened, closed; some answers voided. */
const generateLog = (seed: number): { events: GivenProjectionEvent[]; times: number[] } => {
  const random = randomOf(seed);
  const events: GivenProjectionEvent[] = [];
  const times: number[] = [];
  let n = 0;
  const id = (): string => `e${++n}`;
  for (let c = 1; c <= 60; c++) {
    const contactId = `C-${c}`;
    const occurred = start + random.int(300) * DAY;
    const online = random.chance(0.1);
    const opinions = Array.from({ length: 1 + random.int(3) }, (_, o) => ({ opinionId: `${contactId}-o${o + 1}`, text: `意见 ${c}.${o + 1}` }));
    events.push(
      contactRecorded(id(), contactId, {
        occurredAt: iso(occurred),
        ...(online ? { channel: "online", stationId: undefined } : { stationId: `ST-${1 + random.int(3)}` }),
        opinions,
      }),
    );
    for (const { opinionId } of opinions) {
      if (!random.chance(0.75)) continue;
      const unitId = `U-${1 + random.int(3)}`;
      let at = occurred + (1 + random.int(5)) * DAY;
      let due = at + 15 * DAY;
      events.push({ id: id(), type: "OpinionReferred", data: { contactId, opinionId, unitId, referredAt: iso(at), dueAt: iso(due) } });
      times.push(at, due);
      for (let round = 0; round < 3 && random.chance(0.7); round++) {
        at += (1 + random.int(25)) * DAY;
        const answerId = id();
        events.push({ id: answerId, type: "OpinionAnswered", data: { contactId, opinionId, unitId, answeredAt: iso(at), text: "答复", outcome: random.chance(0.6) ? "resolved" : "explained" } });
        times.push(at);
        if (random.chance(0.1)) {
          events.push(voided(id(), `contact-${contactId}`, answerId, "OpinionAnswered", iso(at + DAY)));
          break;
        }
        if (!random.chance(0.8)) break;
        at += (1 + random.int(5)) * DAY;
        const satisfied = random.chance(0.6);
        due = at + 10 * DAY;
        events.push({ id: id(), type: "ConstituentFeedbackRecorded", data: { contactId, opinionId, feedbackAt: iso(at), satisfied, ...(satisfied ? {} : { reopenedDueAt: iso(due) }) } });
        times.push(at, due);
        if (satisfied) break;
      }
    }
  }
  return { events, times };
};

const spec = ProjectionSpecification.for(opinionsProjection, foldDocument);
const { events, times } = generateLog(7);
const docs = spec.given(events).docs() as Record<string, OpinionsDoc>;
const contactDocs = Object.values(docs).filter((doc): doc is ContactOpinionsDoc => doc.kind === "contact");

const fill = async (store: ReadModelStore): Promise<ReadModelStore> => {
  await store.transaction((writer) => {
    for (const [key, doc] of Object.entries(docs)) writer.put(OPINIONS, key, doc, opinionsProjection.indexesOf?.(doc, key) ?? []);
  });
  return store;
};

/** What the list must answer: every referred opinion as of asOf, filtered, in order. */
const expected = (filters: OpinionListFilters): OpinionItem[] =>
  contactDocs
    .flatMap((doc) => opinionItemsOf(doc, Date.parse(filters.asOf)))
    .filter(
      (item) =>
        (filters.unitId === undefined || item.unitId === filters.unitId) &&
        (filters.stationId === undefined || item.stationId === filters.stationId) &&
        (filters.status === undefined || item.status === filters.status),
    )
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0) || (a.opinionId < b.opinionId ? -1 : 1));

const sqlite = createSqliteReadModelStore({ path: ":memory:" });
afterAll(async () => sqlite.close());

const last = Math.max(...times);
/** Due dates themselves among them: due at asOf is still open. */
const dueTimes = events.flatMap((event) => (event.type === "OpinionReferred" ? [Date.parse(event.data.dueAt)] : []));
const asOfs = [start - DAY, start + 120 * DAY, start + 200 * DAY + 1234, dueTimes[10] as number, dueTimes[40] as number, last, last + 30 * DAY];
const scopes: readonly Pick<OpinionListFilters, "unitId" | "stationId">[] = [{}, { unitId: "U-1" }, { stationId: "ST-2" }, { unitId: "U-3", stationId: "ST-1" }];

describe.each([
  ["SQLite", () => fill(sqlite)],
  ["memory", () => fill(createMemoryReadModelStore())],
])("the opinions list on the %s store", (_name, open) => {
  it("pages through exactly the referred opinions as of asOf, for every scope, status and page size", async () => {
    const readers = opinionReaders(await open());
    let compared = 0;
    for (const asOfMs of asOfs) {
      for (const scope of scopes) {
        for (const status of [undefined, ...opinionStatuses]) {
          const filters = { ...scope, status, asOf: iso(asOfMs) };
          const want = expected(filters);
          for (const limit of [1, 4, 1000]) {
            const got: OpinionItem[] = [];
            let cursor: string | null = null;
            for (let page = 0; page <= want.length + 1; page++) {
              const { unchangedUntil, ...answer } = await readers.listOpinions({ ...filters, limit, cursor });
              expect(answer.items.length).toBeLessThanOrEqual(limit);
              // The same page up to unchangedUntil (excluded): at its last millisecond and half-way.
              expect(unchangedUntil).toBeGreaterThan(asOfMs);
              if (limit === 4) {
                for (const later of Number.isFinite(unchangedUntil) ? [unchangedUntil - 1, Math.floor((asOfMs + unchangedUntil) / 2)] : [asOfMs + 400 * DAY]) {
                  const { unchangedUntil: _until, ...again } = await readers.listOpinions({ ...filters, asOf: iso(later), limit, cursor });
                  expect(again).toEqual({ ...answer, items: answer.items });
                }
              }
              got.push(...answer.items);
              cursor = answer.nextCursor;
              if (cursor === null) break;
            }
            expect(cursor).toBeNull();
            expect(got).toEqual(want);
            compared += want.length;
          }
        }
      }
    }
    // The log gives each status something to list.
    expect(compared).toBeGreaterThan(1000);
    for (const status of opinionStatuses) expect(expected({ status, asOf: iso(start + 200 * DAY) }).length).toBeGreaterThan(2);
  });
});

describe("the opinions list as of now", () => {
  it("reads the index entries of a page with their documents, not every referred contact", async () => {
    const store = await fill(createSqliteReadModelStore({ path: ":memory:" }));
    let documents = 0;
    const counting: ReadModelStore = {
      ...store,
      getMany: async <D,>(projection: string, keys: Iterable<string>) => {
        const found = await store.getMany<D>(projection, keys);
        documents += found.size;
        return found;
      },
      listByIndex: async <D,>(projection: string, query: IndexQuery) => {
        const found = await store.listByIndex<D>(projection, query);
        documents += found.length;
        return found;
      },
    };
    const readers = opinionReaders(counting);
    const referred = contactDocs.filter((doc) => Object.keys(doc.referrals).length > 0).length;
    expect(referred).toBeGreaterThan(30);
    const page = await readers.listOpinions({ asOf: iso(last + DAY), limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(documents).toBeLessThanOrEqual(6);
    documents = 0;
    await readers.listOpinions({ asOf: iso(last + DAY), status: "open", limit: 5, cursor: page.nextCursor });
    expect(documents).toBeLessThanOrEqual(6);
    await store.close();
  });
});
