import { ValidationError } from "@duty-ledger/domain";
import type { z } from "zod";
import { fieldErrorsOf } from "./field-errors.js";

/**
 * Parses environment variables with a zod object schema (use `z.coerce` for numbers). Empty
 * values count as unset, so defaults apply. Fails fast with a ValidationError whose message
 * lists every bad variable, one per line (fit for a startup crash message).
 */
export const parseConfig = <S extends z.ZodType>(schema: S, env: Readonly<Record<string, string | undefined>>): z.infer<S> => {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const errors = fieldErrorsOf(result.error);
  const lines = errors.map((error) => `  ${error.path === "" ? "(environment)" : error.path}: ${error.message}`);
  throw new ValidationError(`invalid configuration:\n${lines.join("\n")}`, { errors });
};
