import { describe, expect, it } from "vitest";
import { isLedgerErrorOf } from "./errors.js";
import { personalDataFields, personalDataIn, requireNoPersonalDataInText } from "./personal-data-in-text.js";

describe("personal data in free text", () => {
  it.each(["电话13812345678", "13912345678。", "call 15000000000 now", "身份证110101199003071234", "11010119900307123X"])("finds it in %s", (text) => {
    expect(personalDataIn(text)).toBeDefined();
  });
  it.each(["12812345678", "138123456789", "138 1234 5678", "2024-03-01T09:00:00+08:00", "接待群众 12 人", "110101199013071234", "ID-110101199003071234A"])("does not in %s", (text) => {
    expect(personalDataIn(text)).toBeUndefined();
  });
  it("names every field that carries it, skipping `people`", () => {
    const body = { summary: "张三 13812345678", opinions: [{ text: "ok" }, { text: "110101199003071234", people: [{ phone: "13812345678" }] }], people: [{ phone: "13900000000" }] };
    expect(personalDataFields(body).map((error) => error.path)).toEqual(["summary", "opinions.1.text"]);
  });
  it("refuses with code PERSONAL_DATA_IN_FREE_TEXT", () => {
    let caught: unknown;
    try {
      requireNoPersonalDataInText({ topic: "13812345678" });
    } catch (error) {
      caught = error;
    }
    expect(isLedgerErrorOf(caught, "PERSONAL_DATA_IN_FREE_TEXT")).toBe(true);
  });
});
