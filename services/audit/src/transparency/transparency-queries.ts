import { z } from "zod";

/** The query strings of the transparency log's endpoints (`createTransparencyApi`), as they parse them and the OpenAPI document describes them. */

const size = z
  .string()
  .regex(/^\d{1,15}$/, "must be an integer written in digits")
  .transform(Number);
export const treeSizeQuery = z.strictObject({ treeSize: size.optional() });
export const inclusionQuery = z.strictObject({ position: size.pipe(z.number().min(1, "must be at least 1")), treeSize: size });
export const consistencyQuery = z.strictObject({ from: size.pipe(z.number().min(1, "must be at least 1")), to: size });
export const headsQuery = z.strictObject({ from: size.optional(), limit: size.pipe(z.number().min(1, "must be at least 1").max(1000, "must be at most 1000")).optional() });

