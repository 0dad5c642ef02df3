import { DEFAULT_RECORDING_GRACE_MS } from "@duty-ledger/domain";
import { parseConfig } from "@duty-ledger/http-kit";
import { describe, expect, it } from "vitest";
import { configSchema } from "./config.js";

describe("duty-ledger start: DUTY_LEDGER_RECORDING_GRACE", () => {
  it("defaults to P3D and reads an ISO 8601 duration", () => {
    expect(parseConfig(configSchema, {}).recordingGraceMs).toBe(DEFAULT_RECORDING_GRACE_MS);
    expect(parseConfig(configSchema, { DUTY_LEDGER_RECORDING_GRACE: "P7D" }).recordingGraceMs).toBe(7 * 86_400_000);
  });
  it("a bad value stops the start, naming the variable", () => {
    expect(() => parseConfig(configSchema, { DUTY_LEDGER_RECORDING_GRACE: "three days" })).toThrow(/DUTY_LEDGER_RECORDING_GRACE/);
  });
});
