import { shanghaiDateStart } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import { generateHistory, type GenerateHistoryOptions } from "./generate-history.js";
import type { GeneratedAppend } from "./simulation.js";

/**
 * What the demo shows (issue 21, point 4), measured on generated counties, seeds 1–5: titles and
 * replies that differ from one suggestion to the next; a watch list with items due soon, overdue
 * and long overdue on the last day of a history; deputies active at the seeds' levels.
 */

const SEEDS = [1, 2, 3, 4, 5] as const;
const DAY_MS = 86_400_000;
const county = (seed: number, extra: Partial<GenerateHistoryOptions> = {}): GeneratedAppend[] => [...generateHistory({ profile: "county", seed, ...extra })];
const eventsOf = (appends: readonly GeneratedAppend[]): { type: string; data: Record<string, unknown> }[] =>
  appends.flatMap((a) => a.events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> })));

describe("titles and replies", () => {
  const histories = SEEDS.map((seed) => eventsOf(county(seed)));

  it("gives at least 90 % of a county's suggestions a title of their own, naming the county's places", () => {
    for (const events of histories) {
      const titles = events.filter((e) => e.type === "SuggestionSubmitted").map((e) => String(e.data["title"]));
      expect(titles.length).toBeGreaterThan(150);
      expect(new Set(titles).size / titles.length).toBeGreaterThanOrEqual(0.9);
      // The county's own places: its name, its townships (short names too) and their villages.
      const stationNames = events.filter((e) => e.type === "StationRegistered").map((e) => String(e.data["name"]));
      const towns = stationNames.filter((n) => n.endsWith("人大代表联络站") && !n.includes("网上")).map((n) => n.replace("人大代表联络站", ""));
      const villages = stationNames.filter((n) => n.endsWith("人大代表联络室")).map((n) => n.replace("人大代表联络室", "").slice(towns.find((t) => n.startsWith(t))?.length ?? 0));
      const countyName = String(events.find((e) => e.type === "UnitRegistered")?.data["name"]).slice(0, 3);
      const places = [countyName, ...towns, ...towns.map((t) => t.replace(/(镇|乡|街道)$/, "")), ...villages];
      const naming = titles.filter((t) => places.some((place) => t.includes(place)));
      expect(naming.length / titles.length).toBeGreaterThan(0.9);
      for (const title of titles) expect(title).toMatch(/^关于.+的建议$/);
    }
  });

  it("gives replies that differ, say what was done or planned, by when and with what money, by category", () => {
    for (const events of histories) {
      const replies = events.filter((e) => e.type === "SuggestionReplied").map((e) => ({ text: String(e.data["text"]), category: String(e.data["category"]) }));
      expect(new Set(replies.map((r) => r.text)).size / replies.length).toBeGreaterThanOrEqual(0.95);
      const of = (category: string): string[] => replies.filter((r) => r.category === category).map((r) => r.text);
      for (const text of of("A")) expect(text).toMatch(/已于\d{4}年\d{1,2}月\d{1,2}日完成/);
      for (const text of of("B")) expect(text).toMatch(/预计\d{4}年\d{1,2}月底前完成/);
      for (const text of of("C")) expect(text).toContain("暂不具备");
      for (const text of of("D")) expect(text).toContain("研究吸纳");
      const withMoney = [...of("A"), ...of("B")].filter((t) => /\d+万元/.test(t)).length / (of("A").length + of("B").length);
      expect(withMoney).toBeGreaterThan(0.7);
      expect(replies.filter((r) => /\d+(\.\d)?(盏|公里|口|名|个|户|亩|吨|座|套|场|期|人)/.test(r.text)).length / replies.length).toBeGreaterThan(0.6);
      // Step notes name the suggestion and its place: a plan names what it plans and by when.
      const plans = events.filter((e) => e.type === "HandlingStepRecorded" && e.data["kind"] === "plan").map((e) => String(e.data["note"]));
      expect(new Set(plans).size / plans.length).toBeGreaterThan(0.9);
      for (const note of plans) expect(note).toMatch(/^制定《.+》办理方案，明确由.+牵头承办，\d{4}年\d{1,2}月\d{1,2}日前答复代表。$/);
    }
  });
});

/** Open items (owing a reply) on the last day of a history, by deadline tier as the watch list reads them. */
interface Tiers {
  readonly open: number;
  readonly dueWithin30: number;
  readonly overdue: number;
  readonly longOverdue: number;
  /** Overdue items with a supervision act (督办) by the office, long-overdue ones with a leader's. */
  readonly overdueSupervised: number;
  readonly longOverdueLeader: number;
}

const watchTiers = (appends: readonly GeneratedAppend[], asOf: number): Tiers => {
  const due = new Map<string, number>();
  const open = new Set<string>();
  const supervision = new Map<string, Set<string>>();
  for (const { type, data } of eventsOf(appends)) {
    const id = String(data["suggestionId"]);
    if (type === "SuggestionAssigned") {
      due.set(id, Date.parse(String(data["dueAt"])));
      open.add(id);
    } else if (type === "DeadlineExtended") due.set(id, Date.parse(String(data["newDueAt"])));
    else if (type === "SuggestionReplied") open.delete(id);
    else if (type === "SupervisionRecorded") supervision.set(id, new Set([...(supervision.get(id) ?? []), String(data["kind"])]));
    else if (type === "SuggestionEvaluated" && data["rating"] === "unsatisfied") {
      due.set(id, Date.parse(String(data["rehandleDueAt"])));
      open.add(id);
    }
  }
  const items = [...open].map((id) => ({ days: ((due.get(id) as number) - asOf) / DAY_MS, kinds: supervision.get(id) ?? new Set<string>() }));
  return {
    open: items.length,
    dueWithin30: items.filter((i) => i.days >= 0 && i.days <= 30).length,
    overdue: items.filter((i) => i.days < 0).length,
    longOverdue: items.filter((i) => i.days < -30).length,
    overdueSupervised: items.filter((i) => i.days < -3 && i.kinds.size > 0).length,
    longOverdueLeader: items.filter((i) => i.days < -40 && i.kinds.has("leader-supervision")).length,
  };
};

describe("the watch list on the last day of a history", () => {
  it.each(["2026-12-06", "2026-06-15"])("a county from 1 January of the year before up to %s has items due within 30 days, overdue and long overdue", (until) => {
    const asOf = shanghaiDateStart(until) + DAY_MS;
    const tiers = SEEDS.map((seed) => watchTiers(county(seed, { from: "2025-01-01", until }), asOf));
    console.info(`watch list as of ${until}, seeds 1–5: ${JSON.stringify(tiers)}`);
    const total = (key: keyof Tiers): number => tiers.reduce((sum, t) => sum + t[key], 0);
    for (const t of tiers) {
      expect(t.open).toBeGreaterThanOrEqual(5);
      // Most are replied in time: what is open is mostly not yet due.
      expect(t.overdue).toBeLessThan(t.open / 2);
    }
    expect(total("dueWithin30")).toBeGreaterThanOrEqual(10);
    expect(total("overdue")).toBeGreaterThanOrEqual(5);
    expect(total("longOverdue")).toBeGreaterThanOrEqual(3);
    // 督办: the office warns the unit once an item is overdue, a leader supervises it a month on.
    expect(total("overdueSupervised")).toBeGreaterThanOrEqual(total("overdue") * 0.6);
    expect(total("longOverdueLeader")).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describe("deputies' activity in a year", () => {
  it("every deputy takes turns at the station (全员进站); county deputies also inspect, survey, train, attend and report", () => {
    for (const seed of SEEDS) {
      const events = eventsOf(county(seed, { from: "2025-01-01", until: "2025-12-31" }));
      const county_ = new Set(events.filter((e) => e.type === "DeputyRegistered" && e.data["level"] === "county").map((e) => String(e.data["deputyId"])));
      const all = events.filter((e) => e.type === "DeputyRegistered").map((e) => String(e.data["deputyId"]));
      const contacts = new Map<string, number>();
      const atStation = new Set<string>();
      const activities = new Map<string, number>();
      const bump = (map: Map<string, number>, id: string): void => void map.set(id, (map.get(id) ?? 0) + 1);
      for (const { type, data } of events) {
        if (type === "ContactRecorded") {
          for (const id of data["deputyIds"] as string[]) {
            bump(contacts, id);
            if (data["channel"] === "station") atStation.add(id);
          }
        }
        if (type === "ActivityRecorded") for (const id of data["deputyIds"] as string[]) bump(activities, id);
      }
      const share = (ids: readonly string[], has: (id: string) => boolean): number => ids.filter(has).length / ids.length;
      const countyIds = all.filter((id) => county_.has(id));
      const countyContacts = countyIds.map((id) => contacts.get(id) ?? 0);
      const mean = countyContacts.reduce((a, b) => a + b, 0) / countyIds.length;
      console.info(`seed ${seed}: station share ${share(all, (id) => atStation.has(id)).toFixed(2)}, county deputies ${mean.toFixed(2)} contacts (max ${Math.max(...countyContacts)}), activities ${(countyIds.reduce((a, id) => a + (activities.get(id) ?? 0), 0) / countyIds.length).toFixed(2)}`);
      expect(share(all, (id) => atStation.has(id))).toBeGreaterThan(0.85);
      expect(mean).toBeGreaterThan(2);
      expect(mean).toBeLessThan(4.5);
      expect(Math.max(...countyContacts)).toBeGreaterThanOrEqual(6);
      expect(share(countyIds, (id) => (activities.get(id) ?? 0) > 0)).toBeGreaterThan(0.8);
      expect(share(all, (id) => (activities.get(id) ?? 0) > 0)).toBeGreaterThan(0.7);
      const kinds = new Set(events.filter((e) => e.type === "ActivityRecorded").map((e) => String(e.data["kind"])));
      expect(kinds).toEqual(new Set(["training", "inspection", "survey", "attendance", "hearing", "report"]));
    }
  }, 60_000);
});
