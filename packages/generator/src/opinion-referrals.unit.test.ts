import { describe, expect, it } from "vitest";
import { generateHistory } from "./generate-history.js";

/** 转办 in a generated county: referrals answered and fed back, problems solved as in Xiangtan (512 for 7,325 constituents). */

describe("generated referrals (转办)", () => {
  it("refers station opinions to units, answers and feeds them back; about 7 problems solved per 100 constituents received at stations", () => {
    const events = [...generateHistory({ profile: "county", seed: 3 })].flatMap((append) => append.events);
    const count = (type: string): number => events.filter((e) => e.type === type).length;
    const referred = count("OpinionReferred");
    expect(referred).toBeGreaterThan(50);
    expect(count("OpinionAnswered")).toBeGreaterThan(referred * 0.8);
    expect(count("ConstituentFeedbackRecorded")).toBeGreaterThan(referred * 0.7);
    // Receptions at stations and rooms (接待选民), as Xiangtan counts them; online messages aside.
    const receptions = events.filter((e) => e.type === "ContactRecorded" && (e.data as { channel: string }).channel === "station");
    const receptionIds = new Set(receptions.map((e) => (e.data as { contactId: string }).contactId));
    const constituents = receptions.reduce((sum, e) => sum + (e.data as { constituents: number }).constituents, 0);
    const latest = new Map<string, string>();
    for (const e of events) {
      if (e.type !== "OpinionAnswered") continue;
      const d = e.data as { contactId: string; opinionId: string; outcome: string };
      if (receptionIds.has(d.contactId)) latest.set(`${d.contactId}/${d.opinionId}`, d.outcome);
    }
    const solved = [...latest.values()].filter((outcome) => outcome === "resolved").length;
    const perConstituent = solved / constituents;
    expect(perConstituent, `${solved} solved / ${constituents} constituents`).toBeGreaterThan(0.05);
    expect(perConstituent, `${solved} solved / ${constituents} constituents`).toBeLessThan(0.09);
  });
});
