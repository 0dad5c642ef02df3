import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkStoreEnv, describeStore, isStoreLocationError, openStore, storeEnvShape, storeSettingsOf } from "./store-settings.js";

const schema = z.object({ ...storeEnvShape }).superRefine(checkStoreEnv);
const issues = (env: Record<string, string>): string[] => {
  const parsed = schema.safeParse(env);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
};

describe("store settings: DUTY_LEDGER_STORE=postgres", () => {
  it("takes DATABASE_URL", () => {
    const env = schema.parse({ DUTY_LEDGER_STORE: "postgres", DATABASE_URL: "postgres://ledger:secret@db.example:5432/ledger" });
    const settings = storeSettingsOf(env);
    expect(settings).toEqual({ kind: "postgres", connectionString: "postgres://ledger:secret@db.example:5432/ledger" });
    expect(describeStore(settings)).toBe("PostgreSQL postgres://ledger:***@db.example:5432/ledger");
  });

  it("names DATABASE_URL when it is missing or not a postgres:// URL", () => {
    expect(issues({ DUTY_LEDGER_STORE: "postgres" })).toEqual(["DATABASE_URL is required when DUTY_LEDGER_STORE=postgres"]);
    expect(issues({ DUTY_LEDGER_STORE: "postgres", DATABASE_URL: "mysql://x@y/z" })).toEqual([
      "DATABASE_URL must be a postgres:// or postgresql:// URL (postgres://user:password@host:port/database)",
    ]);
    expect(issues({ DUTY_LEDGER_STORE: "postgres", DATABASE_URL: "postgresql://u:p@localhost/ledger" })).toEqual([]);
  });

  it("leaves the default alone: sqlite, DATABASE_URL ignored", () => {
    expect(storeSettingsOf(schema.parse({ DATABASE_URL: "postgres://x@y/z" })).kind).toBe("sqlite");
  });

  it("openStore refuses an empty or malformed DATABASE_URL with a STORE_LOCATION error naming it", () => {
    for (const connectionString of ["", "http://example"]) {
      let caught: unknown;
      try {
        openStore({ kind: "postgres", connectionString });
      } catch (error) {
        caught = error;
      }
      expect(isStoreLocationError(caught)).toBe(true);
      expect((caught as Error).message).toMatch(/^DATABASE_URL /);
    }
  });
});
