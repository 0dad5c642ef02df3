import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "./parse-config.js";

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  DUTY_LEDGER_STORE: z.enum(["sqlite", "esdb"]).default("sqlite"),
  DUTY_LEDGER_DATA_DIR: z.string().default("./data"),
});

describe("parseConfig", () => {
  it("applies defaults and coerces", () => {
    expect(parseConfig(schema, { PORT: "9000", UNRELATED: "x" })).toEqual({ PORT: 9000, DUTY_LEDGER_STORE: "sqlite", DUTY_LEDGER_DATA_DIR: "./data" });
  });

  it("treats empty values as unset", () => {
    expect(parseConfig(schema, { PORT: "", DUTY_LEDGER_STORE: "" })).toMatchObject({ PORT: 8080, DUTY_LEDGER_STORE: "sqlite" });
  });

  it("fails fast listing every bad variable", () => {
    let error: unknown;
    try {
      parseConfig(schema, { PORT: "eighty", DUTY_LEDGER_STORE: "postgres" });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "VALIDATION" });
    const message = (error as Error).message;
    expect(message).toMatch(/^invalid configuration:/);
    expect(message).toMatch(/\n {2}PORT: /);
    expect(message).toMatch(/\n {2}DUTY_LEDGER_STORE: /);
    expect((error as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(["DUTY_LEDGER_STORE", "PORT"]);
  });
});
