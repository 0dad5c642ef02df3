import { describe, expect, it } from "vitest";
import type { Replay } from "./replay.js";
import { writeReplayJson } from "./replay-json.js";

const record = (deputyId: string, year: number): unknown => ({
  deputyId,
  year,
  deputy: { deputyId, name: "王\n\"芳\"", stationId: null, correctionEventIds: [] },
  contacts: { total: 3, byChannel: { station: 2, visit: 1 }, constituents: 0.5 },
  sources: { contactIds: ["C-1", "C-2"], suggestionIds: [] },
});

const replayOf = (records: number): Replay =>
  ({
    cut: { by: "position", at: 10, position: 10, events: 10 },
    asOf: "2025-12-31T23:59:59.999+08:00",
    rules: "default-2024",
    rulesVersion: 1,
    deputyRecords: Array.from({ length: records }, (_, i) => record(`D-${i}`, 2024 + (i % 2))),
    scores: [],
    unitScores: [{ unitId: "U-1", period: "2024", indicators: [{ key: "a", value: null }] }],
  }) as unknown as Replay;

const written = (replay: Replay, chunkChars?: number): { text: string; pieces: number } => {
  const pieces: string[] = [];
  writeReplayJson(replay, (text) => pieces.push(text), chunkChars);
  return { text: pieces.join(""), pieces: pieces.length };
};

describe("writeReplayJson", () => {
  it("writes the text JSON.stringify(replay, null, 2) writes, lists empty and full, strings escaped", () => {
    for (const records of [0, 1, 7]) {
      const replay = replayOf(records);
      expect(written(replay).text).toBe(`${JSON.stringify(replay, null, 2)}\n`);
    }
  });

  it("hands the text over in pieces of about the chunk size, the same text whatever the size", () => {
    const replay = replayOf(200);
    const whole = written(replay);
    const small = written(replay, 1000);
    expect(small.text).toBe(whole.text);
    expect(whole.pieces).toBe(1);
    expect(small.pieces).toBeGreaterThan(whole.text.length / 2000);
  });
});
