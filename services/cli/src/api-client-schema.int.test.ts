import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { API_SCHEMA_FILE, apiClientSchemaText } from "./api-client-schema.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

describe("the page's generated API types", () => {
  it("are what the API document gives today (else run `pnpm generate:api-client`)", async () => {
    const committed = await readFile(`${root}${API_SCHEMA_FILE}`, "utf8");
    expect(committed === (await apiClientSchemaText()), `${API_SCHEMA_FILE} is stale: run pnpm generate:api-client`).toBe(true);
  });
});
