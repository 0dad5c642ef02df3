import { isUtf8 } from "node:buffer";
import type { IncomingMessage } from "node:http";
import { ValidationError } from "@duty-ledger/domain";
import express, { type Request, type RequestHandler } from "express";
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
 * One pass over the raw JSON bytes (quotes and backslashes never occur inside a multi-byte
 * UTF-8 sequence): -1 if objects/arrays nest deeper than `maxDepth`, else the number of `:`
 * outside strings, which in valid JSON is the number of object keys as written (duplicates
 * included). Compared with the keys the parsed value has, it tells whether a key was repeated.
 */
const scanJsonBytes = (bytes: Uint8Array, maxDepth: number): number => {
  let depth = 0;
  let colons = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x3a) colons += 1;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return -1;
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
  return colons;
};

/** Whether the JSON text nests objects/arrays deeper than `maxDepth` (scanned on the raw bytes, before parsing). */
export const jsonNestingExceeds = (bytes: Uint8Array, maxDepth: number): boolean => scanJsonBytes(bytes, maxDepth) < 0;

/**
 * The dotted path of the first key that occurs twice in one object of the JSON `text` (which
 * parses), or undefined. A small tokenizer, run only when the key counts say there is one: keys
 * are compared decoded (`"a"` and `"\u0061"` are the same key, as JSON.parse sees them).
 */
export const findDuplicateKey = (text: string): string | undefined => {
  interface Frame {
    readonly keys: Set<string> | undefined; // undefined: an array
    index: number;
    key: string;
  }
  const stack: Frame[] = [];
  const pathTo = (last: string): string =>
    [...stack.slice(0, -1).map((frame) => (frame.keys === undefined ? String(frame.index) : frame.key)), last].join(".");
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      let after = end + 1;
      while (after < text.length && isJsonWhitespace(text.charCodeAt(after))) after++;
      if (top?.keys !== undefined && text[after] === ":") {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return pathTo(key);
        top.keys.add(key);
        top.key = key;
      }
      i = end + 1;
      continue;
    }
    if (char === "{") stack.push({ keys: new Set(), index: 0, key: "" });
    else if (char === "[") stack.push({ keys: undefined, index: 0, key: "" });
    else if (char === "}" || char === "]") stack.pop();
    else if (char === ",") {
      const top = stack[stack.length - 1];
      if (top !== undefined && top.keys === undefined) top.index += 1;
    }
    i++;
  }
  return undefined;
};

/** Counts the keys walked by `forbiddenPathIn` (objects and arrays it returned early from are partly counted). */
interface KeyCount {
  keys: number;
}

/** The path (innermost segment first) to the first forbidden key, depth first; undefined if none. */
const forbiddenPathIn = (value: unknown, count: KeyCount): string[] | undefined => {
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = forbiddenPathIn(value[index], count);
      if (found !== undefined) {
        found.push(String(index));
        return found;
      }
    }
    return undefined;
  }
  const keys = Object.keys(value);
  count.keys += keys.length;
  for (const key of keys) {
    if (forbiddenJsonKeys.has(key)) return [key];
    const found = forbiddenPathIn((value as Record<string, unknown>)[key], count);
    if (found !== undefined) {
      found.push(key);
      return found;
    }
  }
  return undefined;
};

/** The dotted path of the first forbidden key in a parsed JSON value, or undefined. */
export const findForbiddenKey = (value: unknown, path: readonly string[] = []): string | undefined => {
  const found = forbiddenPathIn(value, { keys: 0 });
  return found === undefined ? undefined : [...path, ...found.reverse()].join(".");
};

/** An error as body-parser raises them (http-errors shape), answered by `problemFor` by its `type`. */
const bodyError = (status: number, message: string, type: string): Error =>
  Object.assign(new Error(message), { status, statusCode: status, expose: true, type });

const unsupportedCharset = (charset: string): Error => bodyError(415, `unsupported charset "${charset}"`, "charset.unsupported");

/** Refuses bytes that are not UTF-8 or nest too deep (400); answers the keys written (see `scanJsonBytes`). */
const checkJsonBytes = (buffer: Uint8Array, maxDepth: number): number => {
  if (!isUtf8(buffer)) {
    throw new ValidationError("the request body is not valid UTF-8", {
      errors: [{ path: "", message: "invalid UTF-8" }],
    });
  }
  const keys = scanJsonBytes(buffer, maxDepth);
  if (keys < 0) {
    throw new ValidationError(`the request body nests deeper than ${maxDepth} levels`, {
      errors: [{ path: "", message: `nested deeper than ${maxDepth}` }],
    });
  }
  return keys;
};

/** The raw bytes of a body body-parser read, and the keys written in them (set by its `verify`). */
interface ScannedBody {
  readonly buffer: Buffer;
  readonly keys: number;
}

/** JSON whitespace (RFC 8259): space, tab, line feed, carriage return. */
const isJsonWhitespace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/**
 * Parses UTF-8 JSON bytes as body-parser's strict JSON parser does: a byte order mark is
 * dropped, an empty body is `{}`, the first non-whitespace character must be `{` or `[`.
 */
const parseJsonBytes = (buffer: Buffer): unknown => {
  const start = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const text = buffer.toString("utf8", start);
  if (text.length === 0) return {};
  let first = 0;
  while (first < text.length && isJsonWhitespace(text.charCodeAt(first))) first++;
  const char = text[first];
  if (char !== "{" && char !== "[") throw bodyError(400, "the request body must be a JSON object or array", "entity.parse.failed");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw bodyError(400, error instanceof Error ? error.message : "invalid JSON", "entity.parse.failed");
  }
};

/** `application/json`, alone or with `charset=utf-8`: the request bodies clients send. */
const plainJsonContentType = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i;
const decimalLength = /^[0-9]{1,15}$/;

/**
 * Whether the request's body can be read directly: plain JSON (see above), not compressed, of a
 * declared length from 1 byte to the limit. Everything else goes to body-parser.
 */
const isPlainJsonBody = (req: IncomingMessage, limit: number): boolean => {
  const { headers } = req;
  const contentType = headers["content-type"];
  if (contentType === undefined || !plainJsonContentType.test(contentType)) return false;
  const encoding = headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") return false;
  if (headers["transfer-encoding"] !== undefined) return false;
  const length = headers["content-length"];
  if (length === undefined || !decimalLength.test(length)) return false;
  const bytes = Number(length);
  return bytes > 0 && bytes <= limit && !req.readableEnded;
};

/** Reads a plain JSON body of `length` bytes (HTTP framing guarantees no more). */
const readPlainBody = (req: IncomingMessage, length: number, done: (error: Error | null, body?: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  const finish = (error: Error | null, body?: Buffer): void => {
    if (settled) return;
    settled = true;
    req.removeListener("data", onData);
    req.removeListener("end", onEnd);
    req.removeListener("error", onAbort);
    req.removeListener("close", onAbort);
    done(error, body);
  };
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    received += chunk.length;
  };
  const onEnd = (): void => {
    if (received !== length) finish(bodyError(400, "request size did not match content length", "request.size.invalid"));
    else finish(null, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
  };
  const onAbort = (): void => {
    finish(bodyError(400, "request aborted", "request.aborted"));
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onAbort);
  req.on("close", onAbort);
};

/**
 * Express middleware parsing `application/json` bodies of at most `limitBytes` (413 above),
 * UTF-8 only (invalid bytes: 400; another charset: 415), nested at most `maxDepth` deep (400),
 * without `__proto__`/`constructor`/`prototype` keys (400), without a key twice in one object
 * (400, naming its path; JSON.parse would keep the last). A POST/PUT/PATCH body of another
 * Content-Type is refused (400): request bodies are JSON.
 *
 * The usual body (plain `application/json`, uncompressed, with a Content-Length within the
 * limit) is read directly; anything else (compressed, chunked, over the limit, other types and
 * charsets) goes through express's body-parser. Both give the same answers.
 */
export const jsonBody = (options: JsonBodyOptions = {}): RequestHandler => {
  const maxDepth = options.maxDepth ?? defaultMaxJsonDepth;
  const limit = options.limitBytes ?? defaultBodyLimitBytes;
  const parse = express.json({
    limit,
    strict: true,
    type: "application/json",
    verify: (req: IncomingMessage, _res, buffer: Buffer, encoding: string) => {
      if (encoding !== "utf-8" && encoding !== "utf8") throw unsupportedCharset(encoding);
      scanned.set(req, { buffer, keys: checkJsonBytes(buffer, maxDepth) });
    },
  });
  const scanned = new WeakMap<IncomingMessage, ScannedBody>();

  const checked = (req: Request, next: (error?: unknown) => void, scan: ScannedBody | undefined): void => {
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
    const count: KeyCount = { keys: 0 };
    const found = forbiddenPathIn(body, count);
    const forbidden = found === undefined ? undefined : found.reverse().join(".");
    if (forbidden !== undefined) {
      next(
        new ValidationError(`the key "${forbidden.split(".").pop() ?? forbidden}" is not allowed in a request body`, {
          errors: [{ path: forbidden, message: "forbidden key" }],
        }),
      );
      return;
    }
    // Fewer keys parsed than written: a key occurs twice in some object (the common path pays
    // only the count; the tokenizer runs on refusals).
    if (scan !== undefined && count.keys < scan.keys) {
      const duplicate = findDuplicateKey(scan.buffer.toString("utf8")) ?? "";
      next(
        new ValidationError(`the key "${duplicate.split(".").pop() ?? duplicate}" occurs twice in the request body`, {
          errors: [{ path: duplicate, message: "duplicate key" }],
        }),
      );
      return;
    }
    next();
  };

  return (req, res, next) => {
    if (isPlainJsonBody(req, limit)) {
      readPlainBody(req, Number(req.headers["content-length"]), (error, buffer) => {
        if (error !== null || buffer === undefined) {
          next(error);
          return;
        }
        let keys: number;
        try {
          keys = checkJsonBytes(buffer, maxDepth);
          req.body = parseJsonBytes(buffer);
        } catch (refusal) {
          next(refusal);
          return;
        }
        checked(req, next, { buffer, keys });
      });
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      const scan = scanned.get(req);
      scanned.delete(req);
      checked(req, next, scan);
    });
  };
};
