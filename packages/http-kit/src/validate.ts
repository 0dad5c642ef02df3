import { ValidationError } from "@duty-ledger/domain";
import type { Request, RequestHandler } from "express";
import type { z } from "zod";
import { fieldErrorsOf } from "./field-errors.js";
import { hasBody } from "./has-body.js";

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const parseWith = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(`invalid ${what}`, { errors: fieldErrorsOf(result.error) });
  return result.data;
};

/**
 * The request body parsed by `schema` (use `z.strictObject`); 400 ValidationError when the body
 * is missing, not JSON (wrong Content-Type), not an object, or fails the schema.
 */
export const parseBody = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => {
  const body: unknown = req.body;
  if (body === undefined) {
    throw hasBody(req)
      ? new ValidationError("the request body must be JSON (Content-Type: application/json)", {
          errors: [{ path: "", message: "Content-Type must be application/json" }],
        })
      : new ValidationError("a JSON request body is required", { errors: [{ path: "", message: "required" }] });
  }
  if (!isPlainObject(body)) {
    throw new ValidationError("the request body must be a JSON object", {
      errors: [{ path: "", message: `expected an object, received ${Array.isArray(body) ? "an array" : typeof body}` }],
    });
  }
  return parseWith(schema, body, "request body");
};

/** Express middleware: replaces `req.body` with `parseBody(schema, req)` (typed for later handlers). */
export const validateBody =
  <S extends z.ZodType>(schema: S): RequestHandler<Record<string, string>, unknown, z.infer<S>> =>
  (req, _res, next) => {
    req.body = parseBody(schema, req);
    next();
  };

/**
 * The query string parsed by `schema`: values arrive as strings (or arrays of strings when
 * repeated), so use `z.coerce` for numbers and dates. 400 ValidationError on failure.
 */
export const parseQuery = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> =>
  parseWith(schema, { ...req.query }, "query string");

/** The path parameters parsed by `schema`; 400 ValidationError on failure. */
export const parseParams = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> =>
  parseWith(schema, { ...req.params }, "path parameters");
