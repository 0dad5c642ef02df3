import { describe, expect, it } from "vitest";
import { boundedText, longTextSchema } from "./primitives.js";

describe("boundedText", () => {
  const text = boundedText(50);

  it("accepts Chinese text, punctuation, emoji, tabs and line breaks", () => {
    for (const value of ["群众反映早高峰公交拥挤。", "第一行\n第二行\r\n\t缩进", "👍 满意", "A–B “quoted”"]) {
      expect(text.safeParse(value).success, value).toBe(true);
    }
  });

  it("trims, and refuses empty or over-long text", () => {
    expect(text.parse("  建议  ")).toBe("建议");
    expect(text.safeParse("   ").success).toBe(false);
    expect(text.safeParse("x".repeat(51)).success).toBe(false);
  });

  it.each([
    ["NUL", "a\u0000b"],
    ["bell", "a\u0007b"],
    ["escape", "a\u001b[31mred"],
    ["DEL", "a\u007fb"],
    ["C1 control", "a\u0085b"],
    ["right-to-left override", "abc\u202Edef"],
    ["first-strong isolate", "abc\u2068def"],
    ["lone high surrogate", "a\uD800b"],
    ["lone low surrogate", "a\uDC00b"],
    ["vertical tab at the end (trimming would hide it)", "!\u000b"],
    ["form feed at the start", "\u000c建议"],
  ])("refuses a %s", (_name, value) => {
    expect(longTextSchema.safeParse(value).success).toBe(false);
  });
});
