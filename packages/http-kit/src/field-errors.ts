import type { FieldError } from "@duty-ledger/domain";
import type { z } from "zod";

const dotted = (path: readonly PropertyKey[]): string => path.map((segment) => String(segment)).join(".");

/**
 * One FieldError per failing field of a zod error, paths dotted (`opinions.0.text`, `""` for the
 * whole value). A strict object's unknown keys become one entry each, named by their own path.
 */
export const fieldErrorsOf = (error: z.ZodError): FieldError[] =>
  error.issues.flatMap((issue): FieldError[] =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: dotted([...issue.path, key]), message: "unknown field" }))
      : [{ path: dotted(issue.path), message: issue.message }],
  );
