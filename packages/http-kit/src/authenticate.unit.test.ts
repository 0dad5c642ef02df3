import { describe, expect, it } from "vitest";
import { bearerTokenOf } from "./authenticate.js";

describe("bearerTokenOf", () => {
  it("takes the token of a Bearer header, scheme case-insensitive", () => {
    expect(bearerTokenOf("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerTokenOf("bearer abc.def-_ghi")).toBe("abc.def-_ghi");
  });

  it("refuses a missing header or another scheme with 401", () => {
    for (const header of [undefined, "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "Token abc"]) {
      expect(() => bearerTokenOf(header)).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
    }
  });
});
