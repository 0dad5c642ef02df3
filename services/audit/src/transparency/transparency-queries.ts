import { z } from "zod";

/** The query strings of the transparency log's endpoints (`createTransparencyApi`), as they parse them and the OpenAPI document describes them. */

const size = z
  .string()
  .regex(/^\d{1,15}$/, "must be an integer written in digits")
  .transform(Number);
export const treeSizeQuery = z.strictObject({ treeSize: size.describe("the tree of the first treeSize events; default the whole log").optional() });
export const inclusionQuery = z.strictObject({
  position: size.pipe(z.number().min(1, "must be at least 1")).describe("the event's log position (1-based)"),
  treeSize: size.describe("the size of the tree proven against"),
});
export const consistencyQuery = z.strictObject({
  from: size.pipe(z.number().min(1, "must be at least 1")).describe("the older tree size"),
  to: size.describe("the newer tree size"),
});
export const headsQuery = z.strictObject({
  from: size.describe("the smallest tree size listed; default 0").optional(),
  limit: size.pipe(z.number().min(1, "must be at least 1").max(1000, "must be at most 1000")).describe("heads per page, 1–1000; default 100").optional(),
});

