import { parseConfig } from "@duty-ledger/http-kit";
import { describe, expect, it } from "vitest";
import { projectorEnvSchema } from "./projector-config.js";

describe("projector configuration", () => {
  it("defaults: ./data, sqlite, full durability, info", () => {
    expect(parseConfig(projectorEnvSchema, {})).toEqual({
      DUTY_LEDGER_DATA_DIR: "./data",
      DUTY_LEDGER_STORE: "sqlite",
      DUTY_LEDGER_SQLITE_DURABILITY: "full",
      LOG_LEVEL: "info",
    });
  });

  it("esdb needs EVENTSTORE_URL", () => {
    expect(() => parseConfig(projectorEnvSchema, { DUTY_LEDGER_STORE: "esdb" })).toThrow(/^invalid configuration:\n {2}EVENTSTORE_URL: is required when DUTY_LEDGER_STORE=esdb$/);
    expect(parseConfig(projectorEnvSchema, { DUTY_LEDGER_STORE: "esdb", EVENTSTORE_URL: "esdb://localhost:2113?tls=false" })).toMatchObject({
      DUTY_LEDGER_STORE: "esdb",
      EVENTSTORE_URL: "esdb://localhost:2113?tls=false",
    });
  });

  it("refuses unknown stores and levels, naming each variable", () => {
    expect(() => parseConfig(projectorEnvSchema, { DUTY_LEDGER_STORE: "oracle", LOG_LEVEL: "loud" })).toThrow(/\n {2}DUTY_LEDGER_STORE: .*\n {2}LOG_LEVEL: /s);
  });
});
