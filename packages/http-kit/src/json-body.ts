import { isUtf8 } from "node:buffer";
import type { IncomingMessage } from "node:http";
import { ValidationError } from "@duty-ledger/domain";
import express, { type RequestHandler } from "express";
import { hasBody } from "./has-body.js";

export const defaultBodyLimitBytes = 64 * 1024;
export const defaultMaxJsonDepth = 32;

/** Keys refused anywhere in a body: they are how prototype pollution gets in. */
export const forbiddenJsonKeys: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export interface JsonBodyOptions {
  /** Largest body accepted, in bytes (after decompression). Default 64 KiB; above: 413. */
  readonly limitBytes?: number;
  /** Deepest nesting of objects/arrays accepted. Default 32; deeper: 400. */
  readonly maxDepth?: number;
}

const methodsWithBodies: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH"]);

/**
 * Whether the JSON text nests objects/arrays deeper than `maxDepth` (scanned on the raw bytes,
 * before parsing; quotes and backslashes never occur inside a multi-byte UTF-8 sequence).
 */
export const jsonNestingExceeds = (bytes: Uint8Array, maxDepth: number): boolean => {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
  return false;
};

/** The dotted path of the first forbidden key in a parsed JSON value, or undefined. */
export const findForbiddenKey = (value: unknown, path: readonly string[] = []): string | undefined => {
  if (typeof value !== "object" || value === null) return undefined;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
  for (const [key, item] of entries) {
    if (!Array.isArray(value) && forbiddenJsonKeys.has(key)) return [...path, key].join(".");
    const found = findForbiddenKey(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
};

const unsupportedCharset = (charset: string): Error =>
  Object.assign(new Error(`unsupported charset "${charset}"`), { status: 415, expose: true, type: "charset.unsupported" });

/**
 * Express middleware parsing `application/json` bodies of at most `limitBytes` (413 above),
 * UTF-8 only (invalid bytes: 400; another charset: 415), nested at most `maxDepth` deep (400),
 * without `__proto__`/`constructor`/`prototype` keys (400). A POST/PUT/PATCH body of another
 * Content-Type is refused (400): request bodies are JSON.
 */
export const jsonBody = (options: JsonBodyOptions = {}): RequestHandler => {
  const maxDepth = options.maxDepth ?? defaultMaxJsonDepth;
  const parse = express.json({
    limit: options.limitBytes ?? defaultBodyLimitBytes,
    strict: true,
    type: "application/json",
    verify: (_req: IncomingMessage, _res, buffer: Buffer, encoding: string) => {
      if (encoding !== "utf-8" && encoding !== "utf8") throw unsupportedCharset(encoding);
      if (!isUtf8(buffer)) {
        throw new ValidationError("the request body is not valid UTF-8", {
          errors: [{ path: "", message: "invalid UTF-8" }],
        });
      }
      if (jsonNestingExceeds(buffer, maxDepth)) {
        throw new ValidationError(`the request body nests deeper than ${maxDepth} levels`, {
          errors: [{ path: "", message: `nested deeper than ${maxDepth}` }],
        });
      }
    },
  });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      const body: unknown = req.body;
      if (body === undefined) {
        if (methodsWithBodies.has(req.method) && hasBody(req)) {
          next(
            new ValidationError("request bodies must be JSON (Content-Type: application/json)", {
              errors: [{ path: "", message: "Content-Type must be application/json" }],
            }),
          );
          return;
        }
        next();
        return;
      }
      const forbidden = findForbiddenKey(body);
      if (forbidden !== undefined) {
        next(
          new ValidationError(`the key "${forbidden.split(".").pop() ?? forbidden}" is not allowed in a request body`, {
            errors: [{ path: forbidden, message: "forbidden key" }],
          }),
        );
        return;
      }
      next();
    });
  };
};
