import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf } from "./field-errors.js";

const schema = z.strictObject({
  topic: z.string().min(1),
  opinions: z.array(z.strictObject({ opinionId: z.string(), text: z.string().min(1) })),
});

const errorsOf = (value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a failure");
  return fieldErrorsOf(result.error);
};

describe("fieldErrorsOf", () => {
  it("dots the paths of nested fields", () => {
    const errors = errorsOf({ topic: "roads", opinions: [{ opinionId: "O-1", text: "ok" }, { opinionId: "O-2", text: "" }] });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe("opinions.1.text");
  });

  it("names each unknown field by its own path", () => {
    const errors = errorsOf({ topic: "roads", opinions: [{ opinionId: "O-1", text: "x", txet: "y" }], topik: "z" });
    expect(errors.map((e) => e.path).sort()).toEqual(["opinions.0.txet", "topik"]);
    expect(errors.every((e) => e.message === "unknown field")).toBe(true);
  });

  it("uses an empty path for the whole value", () => {
    expect(errorsOf([1, 2])).toEqual([{ path: "", message: expect.any(String) }]);
  });
});
