import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { claimedTimeRefusal, DEFAULT_RECORDING_GRACE_MS } from "./claimed-time.js";
import type { CommandMetadata, ReplyToSuggestion } from "./commands.js";
import { contactDecider } from "./contact-decider.js";
import { assigned, office, preReviewed, SID, submitted, unit, LEAD_UNIT } from "./fixtures.test-support.js";
import { formatIsoDurationMs, parseIsoDurationMs } from "./iso-duration.js";
import { suggestionDecider } from "./suggestion-decider.js";

/** Two times on every fact (trust.md): the claimed time against the server's clock. */

const NOW = "2024-06-10T12:00:00+08:00";
const graceOnly: CommandMetadata = { actor: unit(LEAD_UNIT), now: NOW };
const backfill = { backfillId: "B-1", from: "2023-01-01T00:00:00+08:00", to: "2023-12-31T23:59:59+08:00" };

const reply = (repliedAt: string, metadata: Partial<CommandMetadata> = {}): ReplyToSuggestion => ({
  type: "ReplyToSuggestion",
  data: { suggestionId: SID, unitId: LEAD_UNIT, category: "A", repliedAt, text: "Repaired." },
  metadata: { ...graceOnly, ...metadata },
});

const handling = [submitted({ submittedAt: "2023-01-10T09:00:00+08:00" }), preReviewed("accept", "2023-01-15T10:00:00+08:00"), assigned({ assignedAt: "2023-03-01T09:30:00+08:00" })];
const spec = DeciderSpecification.for(suggestionDecider).given(handling);
const repliedAt = (at: string) => [{ type: "SuggestionReplied" as const, data: { suggestionId: SID, unitId: LEAD_UNIT, category: "A" as const, repliedAt: at, text: "Repaired.", round: 1 } }];

describe("the recording grace (default P3D)", () => {
  it("is three days", () => expect(DEFAULT_RECORDING_GRACE_MS).toBe(3 * 24 * 3_600_000));
  it("accepts a time 3 days before the recording", () => spec.when(reply("2024-06-07T12:00:00+08:00")).then(repliedAt("2024-06-07T12:00:00+08:00")));
  it("refuses a time 3 days and a second before (422 claimed-time-outside-grace, naming the field)", () =>
    spec.when(reply("2024-06-07T11:59:59+08:00")).thenThrows((error) => {
      const e = error as { code?: string; errors?: { path: string }[] };
      return e.code === "CLAIMED_TIME_OUTSIDE_GRACE" && e.errors?.[0]?.path === "repliedAt";
    }));
  it("refuses a reply claimed 183 days back (the issue's late reply)", () => spec.when(reply("2023-12-09T12:00:00+08:00")).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE", "grace"));
  it("accepts 5 minutes after the recording, refuses a second more", () => {
    spec.when(reply("2024-06-10T12:05:00+08:00")).then(repliedAt("2024-06-10T12:05:00+08:00"));
    spec.when(reply("2024-06-10T12:05:01+08:00")).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE", "after the time of recording");
  });
  it("follows the configured grace", () => {
    spec.when(reply("2024-06-01T12:00:00+08:00", { recordingGraceMs: 10 * 24 * 3_600_000 })).then(repliedAt("2024-06-01T12:00:00+08:00"));
    spec.when(reply("2024-06-10T11:00:00+08:00", { recordingGraceMs: 30 * 60_000 })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE");
  });
  it("holds for every decider's claimed times (a contact's occurredAt)", () =>
    DeciderSpecification.for(contactDecider)
      .when({
        type: "RecordContact",
        data: { contactId: "C-1", deputyIds: ["D-1"], channel: "visit", occurredAt: "2024-05-01T10:00:00+08:00", constituents: 3, topic: "Roads", summary: "Bridge." },
        metadata: { actor: office, now: NOW },
      })
      .thenThrows("CLAIMED_TIME_OUTSIDE_GRACE", "occurredAt"));
});

describe("under a backfill", () => {
  it("accepts a time inside the window, however old", () => spec.when(reply("2023-06-01T10:00:00+08:00", { backfill })).then(repliedAt("2023-06-01T10:00:00+08:00")));
  it("refuses a time outside the window, even within the grace", () => {
    spec.when(reply("2024-06-09T10:00:00+08:00", { backfill })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE", "window of backfill B-1");
    spec.when(reply("2022-12-31T10:00:00+08:00", { backfill })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE", "window");
  });
  it("never accepts the future", () =>
    expect(claimedTimeRefusal({ now: NOW, backfill: { ...backfill, to: "2025-01-01T00:00:00+08:00" } }, "2024-07-01T00:00:00+08:00")).toMatch(/after the time of recording/));
});

describe("ISO 8601 durations of the setting", () => {
  it.each([
    ["P3D", 3 * 86_400_000],
    ["PT36H", 36 * 3_600_000],
    ["P1W", 7 * 86_400_000],
    ["P1DT12H30M", 86_400_000 + 12.5 * 3_600_000],
    ["PT0.5S", 500],
    ["P0D", 0],
  ])("%s is %d ms", (text, ms) => expect(parseIsoDurationMs(text)).toBe(ms));
  it.each(["P3D", "PT36H", "P1DT12H30M", "PT0.5S", "PT0S", "P10D"])("%s formats back to itself (days, not weeks)", (text) =>
    expect(formatIsoDurationMs(parseIsoDurationMs(text) as number)).toBe(text === "PT36H" ? "P1DT12H" : text));
  it("names the grace in the refusal", () => expect(claimedTimeRefusal({ now: NOW }, "2024-06-01T00:00:00+08:00")).toMatch(/recording grace \(P3D\)/));
  it.each(["", "P", "PT", "3D", "P1Y", "P2M", "P1DT", "-P1D", "P1.5D", "p3d"])("refuses %j", (text) => expect(parseIsoDurationMs(text)).toBeUndefined());
});
