import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseProjectorConfig } from "./projector-config.js";

describe("projector configuration", () => {
  it("defaults: ./data, sqlite, full durability, info", () => {
    expect(parseProjectorConfig({})).toEqual({
      ok: true,
      config: { dataDir: resolve("./data"), store: "sqlite", eventStoreUrl: undefined, durability: "full", logLevel: "info" },
    });
  });

  it("esdb needs EVENTSTORE_URL", () => {
    expect(parseProjectorConfig({ DUTY_LEDGER_STORE: "esdb" })).toEqual({ ok: false, errors: ["EVENTSTORE_URL: is required when DUTY_LEDGER_STORE=esdb"] });
    expect(parseProjectorConfig({ DUTY_LEDGER_STORE: "esdb", EVENTSTORE_URL: "esdb://localhost:2113?tls=false" })).toMatchObject({
      ok: true,
      config: { store: "esdb", eventStoreUrl: "esdb://localhost:2113?tls=false" },
    });
  });

  it("refuses unknown stores and levels, naming each variable", () => {
    const parsed = parseProjectorConfig({ DUTY_LEDGER_STORE: "oracle", LOG_LEVEL: "loud" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.some((e) => e.startsWith("DUTY_LEDGER_STORE:"))).toBe(true);
      expect(parsed.errors.some((e) => e.startsWith("LOG_LEVEL:"))).toBe(true);
    }
  });
});
