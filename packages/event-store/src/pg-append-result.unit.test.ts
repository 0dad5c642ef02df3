import pg from "pg";
import { describe, expect, it } from "vitest";
import { sqlLiteral, textArray } from "./pg-append-result.js";

describe("the PostgreSQL appends' SQL literals", () => {
  it("are what pg's escapeLiteral gives, quotes and backslashes included", () => {
    const texts = ["", "plain", "it's", "''", "back\\slash", "\\'\\", '{"title":"代表 ✓ \\"quoted\\" it\'s"}', "line\nbreak\ttab"];
    expect(texts.map(sqlLiteral)).toEqual(texts.map((text) => pg.escapeLiteral(text)));
  });

  it("make a text[] literal of the values in order", () => {
    expect(textArray(["a", "b'c"])).toBe("ARRAY['a','b''c']::text[]");
  });
});
