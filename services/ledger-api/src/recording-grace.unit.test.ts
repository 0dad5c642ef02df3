import { DEFAULT_RECORDING_GRACE_MS } from "@duty-ledger/domain";
import { parseConfig } from "@duty-ledger/http-kit";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ledgerServiceEnvSchema } from "./ledger-service.js";
import { recordingGraceEnvShape } from "./recording-grace.js";

const schema = z.object(recordingGraceEnvShape);

describe("DUTY_LEDGER_RECORDING_GRACE", () => {
  it("defaults to P3D", () => expect(parseConfig(schema, {}).DUTY_LEDGER_RECORDING_GRACE).toBe(DEFAULT_RECORDING_GRACE_MS));
  it("reads an ISO 8601 duration", () => expect(parseConfig(schema, { DUTY_LEDGER_RECORDING_GRACE: "PT36H" }).DUTY_LEDGER_RECORDING_GRACE).toBe(36 * 3_600_000));
  it.each(["3 days", "P1M", "P1Y", "-P1D", "P"])("a bad value (%j) fails the startup, naming the variable", (value) => {
    expect(() => parseConfig(schema, { DUTY_LEDGER_RECORDING_GRACE: value })).toThrow(/DUTY_LEDGER_RECORDING_GRACE/);
    expect(() => parseConfig(ledgerServiceEnvSchema, { DUTY_LEDGER_RECORDING_GRACE: value })).toThrow(/DUTY_LEDGER_RECORDING_GRACE/);
  });
});
