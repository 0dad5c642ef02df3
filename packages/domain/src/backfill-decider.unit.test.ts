import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { backfillDecider, backfillWindowFor } from "./backfill-decider.js";
import type { GrantBackfill } from "./commands.js";
import type { EventOf } from "./events.js";
import { deputy, meta, NOW, office, unit } from "./fixtures.test-support.js";
import { foldEvents } from "./decider.js";
import type { CommandActor } from "./commands.js";

const spec = DeciderSpecification.for(backfillDecider);

const data = {
  backfillId: "B-1",
  actorRole: "unit" as const,
  actorId: "U-1",
  from: "2023-01-01T00:00:00+08:00",
  to: "2023-12-31T23:59:59+08:00",
  reason: "Paper records of 2023 entered from the archive",
  expiresAt: "2025-01-31T00:00:00+08:00",
};
const grant = (actor: CommandActor = office, overrides: Partial<GrantBackfill["data"]> = {}): GrantBackfill => ({ type: "GrantBackfill", data: { ...data, ...overrides }, metadata: meta(actor) });
const granted: EventOf<"BackfillGranted"> = { type: "BackfillGranted", data: { ...data, grantedAt: NOW } };

describe("granting a backfill", () => {
  it("the office grants it, stamped with the server's clock", () => spec.when(grant()).then([granted]));
  it.each([deputy("D-1"), unit("U-1")])("refuses %j (403)", (actor) => spec.when(grant(actor)).thenThrows("FORBIDDEN"));
  it("refuses granting the same id twice (409)", () => spec.given([granted]).when(grant()).thenThrows("CONFLICT"));
  it("refuses a window that ends before it starts (422)", () => spec.when(grant(office, { to: "2022-12-31T00:00:00+08:00" })).thenThrows("DOMAIN_RULE", "to"));
  it("refuses a window into the future (422): a backfill enters past records", () =>
    spec.when(grant(office, { to: "2025-06-01T00:00:00+08:00" })).thenThrows("DOMAIN_RULE", "future"));
  it("refuses an expiry already past (422)", () => spec.when(grant(office, { expiresAt: "2024-12-01T00:00:00+08:00" })).thenThrows("DOMAIN_RULE", "expiresAt"));
  it("can be voided, and then granted again", () =>
    spec
      .given([{ id: "e1", ...granted }, { id: "e2", type: "EventVoided", data: { streamId: "backfill-B-1", eventId: "e1", voidedType: "BackfillGranted", reason: "wrong unit", voidedAt: NOW } }])
      .when(grant())
      .then([granted]));
});

describe("the window a write may use", () => {
  const state = foldEvents(backfillDecider, [granted]);
  it("is the grant's, for its actor before it expires", () =>
    expect(backfillWindowFor(state, "B-1", { id: "U-1", role: "unit" }, NOW)).toEqual({ backfillId: "B-1", from: data.from, to: data.to }));
  it("is refused to another actor, after expiry, or without a grant (422 on backfillId)", () => {
    for (const [s, actor, now] of [
      [state, { id: "U-2", role: "unit" }, NOW],
      [state, { id: "U-1", role: "deputy" }, NOW],
      [state, { id: "U-1", role: "unit" }, data.expiresAt],
      [backfillDecider.initialState, { id: "U-1", role: "unit" }, NOW],
    ] as const) {
      expect(() => backfillWindowFor(s, "B-1", actor, now)).toThrow(expect.objectContaining({ code: "DOMAIN_RULE", errors: [expect.objectContaining({ path: "backfillId" })] }));
    }
  });
});
