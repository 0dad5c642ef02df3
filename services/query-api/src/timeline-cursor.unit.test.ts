import { describe, expect, it } from "vitest";
import { decodeTimelineCursor, encodeTimelineCursor } from "./timeline-cursor.js";

describe("timeline cursor", () => {
  it("round-trips a page key and hides it", () => {
    for (const key of ["0", "1", "42", String(Number.MAX_SAFE_INTEGER)]) {
      const cursor = encodeTimelineCursor(key);
      expect(cursor).toMatch(/^tl1\.[A-Za-z0-9_-]+$/);
      expect(cursor).not.toContain("before");
      expect(decodeTimelineCursor(cursor)).toBe(key);
    }
  });

  it("refuses anything else as a ValidationError on `cursor`", () => {
    const b64 = (text: string): string => `tl1.${Buffer.from(text).toString("base64url")}`;
    for (const cursor of ["42", "tl1.", "tl1.***", b64("before:"), b64("before:-1"), b64("before:1.5"), b64("after:3"), b64("before:99999999999999999"), "tl2.YmVmb3JlOjE"]) {
      expect(() => decodeTimelineCursor(cursor), cursor).toThrow(expect.objectContaining({ code: "VALIDATION", errors: [{ path: "cursor", message: expect.any(String) }] }));
    }
  });
});
