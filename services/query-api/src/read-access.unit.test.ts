import type { Principal } from "@duty-ledger/http-kit";
import { initSuggestionView, type SuggestionView } from "@duty-ledger/projections";
import { describe, expect, it } from "vitest";
import { canReadSuggestion, requireOverseerOrSelf } from "./read-access.js";

const p = (role: Principal["role"], id: string): Principal => (role === "clerk" ? { role, id, stationId: "ST-1" } : { role, id });

describe("read access", () => {
  it("office and auditor read anyone's; a deputy or unit only its own; others never", () => {
    expect(() => requireOverseerOrSelf(p("office", "O"), "deputy", "D-1", "duty record")).not.toThrow();
    expect(() => requireOverseerOrSelf(p("auditor", "A"), "unit", "U-1", "scores")).not.toThrow();
    expect(() => requireOverseerOrSelf(p("deputy", "D-1"), "deputy", "D-1", "duty record")).not.toThrow();
    for (const principal of [p("deputy", "D-2"), p("unit", "D-1"), p("clerk", "D-1")]) {
      expect(() => requireOverseerOrSelf(principal, "deputy", "D-1", "duty record")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    }
  });

  it("a suggestion is read by its lead deputy, co-signers, lead and co-units", () => {
    const view: SuggestionView = { ...initSuggestionView("S-1"), state: "assigned", leadDeputyId: "D-1", coSignerIds: ["D-2"], units: { leadUnitId: "U-1", coUnitIds: ["U-2"] } };
    const allowed = [p("office", "O"), p("auditor", "A"), p("deputy", "D-1"), p("deputy", "D-2"), p("unit", "U-1"), p("unit", "U-2")];
    const refused = [p("deputy", "D-3"), p("unit", "U-3"), p("clerk", "C"), p("deputy", "U-1"), p("unit", "D-1")];
    for (const principal of allowed) expect(canReadSuggestion(principal, view), JSON.stringify(principal)).toBe(true);
    for (const principal of refused) expect(canReadSuggestion(principal, view), JSON.stringify(principal)).toBe(false);
    expect(canReadSuggestion(p("unit", "U-1"), { ...view, units: null })).toBe(false);
  });
});
