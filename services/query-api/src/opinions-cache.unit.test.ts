import type { OpinionListAnswer, OpinionListFilters } from "@duty-ledger/projections";
import { describe, expect, it } from "vitest";
import { createOpinionsCache, opinionsAnswerText } from "./opinions-cache.js";

/** The cache of the opinions list's pages: reused at the same position for an asOf the page holds for, read again otherwise. */

const at = (day: number): string => new Date(Date.UTC(2026, 0, day)).toISOString();

/** A reader whose page names what it was asked and holds until day 10. */
const reader = () => {
  const asked: OpinionListFilters[] = [];
  const list = async (filters: OpinionListFilters): Promise<OpinionListAnswer> => {
    asked.push(filters);
    return { items: [], nextCursor: `read ${asked.length}`, unchangedUntil: Date.parse(at(10)) };
  };
  return { asked, list };
};

describe("the opinions list's page cache", () => {
  it("gives a page again at the same position for an asOf from the one it was read as of up to unchangedUntil", async () => {
    const { asked, list } = reader();
    const cache = createOpinionsCache({ list });
    const first = await cache.page({ asOf: at(2), limit: 100 }, 7);
    expect(first).toBe('"items":[],"nextCursor":"read 1"}');
    expect(await cache.page({ asOf: at(2), limit: 100 }, 7)).toBe(first);
    expect(await cache.page({ asOf: new Date(Date.parse(at(10)) - 1).toISOString(), limit: 100 }, 7)).toBe(first);
    expect(asked).toHaveLength(1);
  });

  it("reads again at another position, for an asOf outside the range, or other filters, page size or cursor", async () => {
    const { asked, list } = reader();
    const cache = createOpinionsCache({ list });
    await cache.page({ asOf: at(5), limit: 100 }, 7);
    expect(await cache.page({ asOf: at(5), limit: 100 }, 8)).toBe('"items":[],"nextCursor":"read 2"}');
    expect(await cache.page({ asOf: at(10), limit: 100 }, 8)).toBe('"items":[],"nextCursor":"read 3"}');
    expect(await cache.page({ asOf: at(4), limit: 100 }, 8)).toBe('"items":[],"nextCursor":"read 4"}');
    for (const other of [{ limit: 10 }, { status: "open" as const }, { unitId: "U-1" }, { stationId: "ST-1" }, { cursor: "abc" }]) {
      await cache.page({ asOf: at(4), limit: 100, ...other }, 8);
    }
    expect(asked).toHaveLength(9);
  });

  it("keeps maxPages pages, dropping the least recently used", async () => {
    const { asked, list } = reader();
    const cache = createOpinionsCache({ list, maxPages: 2 });
    await cache.page({ asOf: at(2), cursor: "a" }, 1);
    await cache.page({ asOf: at(2), cursor: "b" }, 1);
    await cache.page({ asOf: at(2), cursor: "a" }, 1);
    await cache.page({ asOf: at(2), cursor: "c" }, 1);
    expect(asked).toHaveLength(3);
    await cache.page({ asOf: at(2), cursor: "a" }, 1);
    expect(asked).toHaveLength(3);
    await cache.page({ asOf: at(2), cursor: "b" }, 1);
    expect(asked).toHaveLength(4);
  });

  it("keeps at most maxChars characters of pages (the last page read always)", async () => {
    const { asked, list } = reader();
    const pageChars = '"items":[],"nextCursor":"read 1"}'.length;
    const cache = createOpinionsCache({ list, maxChars: 2 * pageChars });
    for (const cursor of ["a", "b", "c"]) await cache.page({ asOf: at(2), cursor }, 1);
    await cache.page({ asOf: at(2), cursor: "c" }, 1);
    await cache.page({ asOf: at(2), cursor: "b" }, 1);
    expect(asked).toHaveLength(3);
    await cache.page({ asOf: at(2), cursor: "a" }, 1);
    expect(asked).toHaveLength(4);
    const tiny = createOpinionsCache({ list, maxChars: 1 });
    await tiny.page({ asOf: at(2) }, 1);
    await tiny.page({ asOf: at(2) }, 1);
    expect(asked).toHaveLength(5);
  });

  it("writes the answer as JSON.stringify writes it", () => {
    const page = { items: [], nextCursor: null };
    const head = { asOf: "2026-01-02T00:00:00.000Z", status: "open", unitId: "U-1" };
    expect(opinionsAnswerText(head, JSON.stringify(page).slice(1))).toBe(JSON.stringify({ ...head, ...page }));
  });
});
