import { isLedgerError } from "@duty-ledger/domain";
import { buildScoresAnswer, createRuleSetRegistry, defaultRuleSet, parseRuleSet, type SuggestionFacts } from "@duty-ledger/scoring";
import { describe, expect, it } from "vitest";
import { createScoresCache, type ScoresCache, type ScoresRequest } from "./scores-cache.js";

const HOUR = 3_600_000;
const at = (iso: string, hours = 0): string => new Date(Date.parse(iso) + hours * HOUR).toISOString();

/** U-1 leads six suggestions handled over March–June 2024, U-2 one; times in both offsets. */
const facts: SuggestionFacts[] = Array.from({ length: 7 }, (_, i): SuggestionFacts => {
  const assignedAt = `2024-03-0${i + 1}T09:00:00+08:00`;
  return {
    suggestionId: `S-${i + 1}`,
    leadUnitId: i === 6 ? "U-2" : "U-1",
    assignmentEventId: `e-assign-${i}`,
    assignedAt,
    dueAt: at(assignedAt, 24 * 60),
    confidential: i === 2,
    voided: false,
    extensions: i === 1 ? [{ eventId: "e-ext", grantedAt: at(assignedAt, 24 * 30), newDueAt: at(assignedAt, 24 * 90) }] : [],
    replies: i % 3 === 0 ? [] : [{ eventId: `e-reply-${i}`, repliedAt: at(assignedAt, 24 * (20 + 10 * i)), category: i % 2 === 0 ? "A" : "B", unitId: i === 6 ? "U-2" : "U-1" }],
    publications: i % 3 === 1 ? [{ eventId: `e-pub-${i}`, publishedAt: at(assignedAt, 24 * (25 + 10 * i)) }] : [],
    evaluations: i % 3 === 2 ? [{ eventId: `e-eval-${i}`, evaluatedAt: at(assignedAt, 24 * (40 + 10 * i)), rating: i === 2 ? "satisfied" : "basically-satisfied" }] : [],
    steps: [
      { eventId: `e-plan-${i}`, unitId: i === 6 ? "U-2" : "U-1", kind: "plan", occurredAt: at(assignedAt, 48), recordedAt: at(assignedAt, 49), recordedVia: "online", deputyPresent: false },
      { eventId: `e-cons-${i}`, unitId: i === 6 ? "U-2" : "U-1", kind: "consultation", occurredAt: at(assignedAt, 24 * 10), recordedAt: at(assignedAt, 24 * 20), recordedVia: i % 2 === 0 ? "online" : "backfill", deputyPresent: i !== 4 },
    ],
  };
});

/** The requests' `knownAt`: the time of the request, which the answer echoes. */
const KNOWN_AT = "2026-11-21T10:00:00.000+08:00";
const text = async (cache: ScoresCache, request: Omit<ScoresRequest, "knownAt">): Promise<string> =>
  Buffer.concat((await cache.scores({ ...request, knownAt: KNOWN_AT })).chunks).toString("utf8");

const lenient = parseRuleSet({
  name: "lenient",
  version: 1,
  weights: { attention: 10, completion: 20, consultation: 15, satisfaction: 20, resolution: 20, publication: 5, digital: 10 },
  options: { basicWeight: 0.5, minSuggestions: 1 },
});

const counting = (list: SuggestionFacts[] = facts) => {
  let reads = 0;
  return {
    listFacts: async (): Promise<SuggestionFacts[]> => {
      reads++;
      return list;
    },
    reads: () => reads,
  };
};

/** Every instant of the facts, a millisecond either side of each, and hours between. */
const asOfs = (): string[] => {
  const instants = new Set<number>();
  for (const f of facts) {
    for (const time of [f.assignedAt, f.dueAt, ...f.replies.map((r) => r.repliedAt), ...f.publications.map((p) => p.publishedAt), ...f.evaluations.map((e) => e.evaluatedAt), ...f.steps.flatMap((s) => [s.occurredAt, s.recordedAt])]) {
      const ms = Date.parse(time);
      for (const delta of [-1, 0, 1, 7 * HOUR]) instants.add(ms + delta);
    }
  }
  return [...instants].sort((a, b) => a - b).map((ms, i) => (i % 2 === 0 ? new Date(ms).toISOString() : `${new Date(ms + 8 * HOUR).toISOString().slice(0, -1)}+08:00`));
};

describe("createScoresCache", () => {
  it("answers byte for byte what buildScoresAnswer answers, for every asOf around the facts' instants and both rule sets", async () => {
    const source = counting();
    const cache = createScoresCache({ listFacts: source.listFacts, maxAnswersPerPeriod: 1000 });
    const all = asOfs();
    for (const ruleSet of [defaultRuleSet, lenient]) {
      for (const asOf of all) {
        const expected = JSON.stringify(buildScoresAnswer(facts, { period: "2024", asOf, knownAt: KNOWN_AT, ruleSet }));
        expect(await text(cache, { period: "2024", ruleSet, asOf, position: 10 })).toBe(expected);
        // Asked again: from the stored answer, same text.
        expect(await text(cache, { period: "2024", ruleSet, asOf, position: 10 })).toBe(expected);
      }
    }
    expect(source.reads()).toBe(1);
    const stats = cache.stats();
    expect(stats.computed).toBeLessThan(2 * all.length);
    expect(stats.reused).toBe(4 * all.length - stats.computed);
  });

  it("computes once for every asOf after the last fact (the default asOf of a past period)", async () => {
    const source = counting();
    const cache = createScoresCache({ listFacts: source.listFacts });
    const texts = await Promise.all(
      ["2025-01-01T00:00:00+08:00", "2026-11-21T10:00:00.000+08:00", "2026-11-21T02:00:00.123Z"].map((asOf) =>
        text(cache, { period: "2024", ruleSet: defaultRuleSet, asOf, position: 3 }),
      ),
    );
    expect(JSON.parse(texts[1] as string)).toEqual(JSON.parse(JSON.stringify(buildScoresAnswer(facts, { period: "2024", asOf: "2026-11-21T10:00:00.000+08:00", knownAt: KNOWN_AT, ruleSet: defaultRuleSet }))));
    expect((JSON.parse(texts[2] as string) as { asOf: string }).asOf).toBe("2026-11-21T02:00:00.123Z");
    expect(cache.stats()).toEqual({ factReads: 1, computed: 1, reused: 2 });
    expect(source.reads()).toBe(1);
  });

  it("reads the facts again for a newer read-model position, never for an older or equal one", async () => {
    let list: SuggestionFacts[] = facts.slice(0, 3);
    let reads = 0;
    const cache = createScoresCache({
      listFacts: async () => {
        reads++;
        return list;
      },
    });
    const asOf = "2026-01-01T00:00:00+08:00";
    const units = async (position: number): Promise<number> =>
      (JSON.parse(await text(cache, { period: "2024", ruleSet: lenient, asOf, position })) as { units: unknown[] }).units.length;
    expect(await units(5)).toBe(1);
    list = facts; // the projector moved on: U-2 appears
    expect(await units(5)).toBe(1);
    expect(await units(4)).toBe(1);
    expect(reads).toBe(1);
    expect(await units(6)).toBe(2);
    expect(reads).toBe(2);
  });

  it("shares one read between concurrent requests, and retries after a failed read", async () => {
    let reads = 0;
    let fail = true;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const cache = createScoresCache({
      listFacts: async () => {
        reads++;
        await gate;
        if (fail) throw new Error("read-model store closed");
        return facts;
      },
    });
    const request = { period: "2024", ruleSet: defaultRuleSet, asOf: "2026-01-01T00:00:00Z", position: 1 };
    const pending = [text(cache, request), text(cache, request)];
    release();
    await expect(pending[0]).rejects.toThrow("read-model store closed");
    await expect(pending[1]).rejects.toThrow("read-model store closed");
    expect(reads).toBe(1);
    fail = false;
    await expect(text(cache, request)).resolves.toContain('"units":[');
    expect(reads).toBe(2);
  });

  it("keeps the periods and answers it was told to, dropping the least recently used", async () => {
    const source = counting();
    const cache = createScoresCache({ listFacts: source.listFacts, maxPeriods: 2, maxAnswersPerPeriod: 1 });
    const ask = (period: string, asOf = "2026-01-01T00:00:00Z") => text(cache, { period, ruleSet: defaultRuleSet, asOf, position: 1 });
    await ask("2024");
    await ask("2023");
    await ask("2024");
    await ask("2022"); // drops 2023
    await ask("2024");
    expect(source.reads()).toBe(3);
    await ask("2023");
    expect(source.reads()).toBe(4);
    const computed = cache.stats().computed;
    await ask("2023", "2024-03-01T00:00:00Z"); // another class: replaces the one stored answer
    await ask("2023");
    expect(cache.stats().computed).toBe(computed + 2);
  });

  it("tags each answer with a weak ETag that changes with its bytes, and only then", async () => {
    const cache = createScoresCache({ listFacts: counting().listFacts });
    const ask = (asOf: string, position = 1, ruleSet = defaultRuleSet) => cache.scores({ period: "2024", ruleSet, asOf, knownAt: KNOWN_AT, position });
    const first = await ask("2026-01-01T00:00:00Z");
    const again = await ask("2026-01-01T00:00:00Z");
    const laterAsOf = await ask("2026-01-02T00:00:00Z");
    const reread = await ask("2026-01-01T00:00:00Z", 2); // facts read again: the same bytes
    const otherRules = await ask("2026-01-01T00:00:00Z", 2, lenient);
    expect(first.etag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9_-]{27}"$/);
    expect(again.etag).toBe(first.etag);
    expect(Buffer.concat(reread.chunks).equals(Buffer.concat(first.chunks))).toBe(true);
    expect(reread.etag).toBe(first.etag);
    expect(laterAsOf.etag).not.toBe(first.etag);
    expect(otherRules.etag).not.toBe(first.etag);
    expect(cache.stats()).toEqual({ factReads: 2, computed: 3, reused: 2 });
  });

  it("refuses an asOf scoring refuses (no offset), as scoring does", async () => {
    const cache = createScoresCache({ listFacts: counting().listFacts });
    const refused = await text(cache, { period: "2024", ruleSet: createRuleSetRegistry().resolve(undefined), asOf: "2024-03-01T09:00:00", position: 1 }).catch((error: unknown) => error);
    expect(isLedgerError(refused)).toBe(true);
  });
});
