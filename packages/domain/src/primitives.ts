import { z } from "zod";

/**
 * Shared zod building blocks for events and request bodies: ids, bounded texts, times.
 * Times are ISO 8601 with an offset (`Z` or `+08:00`); impossible calendar dates are refused.
 */

export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export const MAX_NAME = 200;
export const MAX_TITLE = 200;
export const MAX_TEXT = 20_000;
export const MAX_URL = 2_048;
export const MAX_LIST = 1_000;

/** An entity id: 1–64 characters of `[A-Za-z0-9._:-]`. */
export const idSchema = z.string().regex(ID_PATTERN, "must be 1-64 characters of A-Z a-z 0-9 . _ : -");

/**
 * Characters no text of the ledger may hold: C0/C1 controls other than tab, line feed and
 * carriage return, lone UTF-16 surrogates (invalid Unicode), and the bidirectional overrides
 * and isolates that can make a text display other than it reads (U+202A–202E, U+2066–2069).
 */
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` holds a character no text of the ledger may hold (see above). */
export const hasForbiddenTextCharacter = (text: string): boolean => FORBIDDEN_IN_TEXT.test(text);

/**
 * A trimmed, non-empty string of at most `max` characters, free of control and bidi-override
 * characters. The characters are checked BEFORE trimming: a text sent with a stray control
 * character at either end is refused, not silently cut.
 */
export const boundedText = (max: number) =>
  z
    .string()
    .refine((text) => !hasForbiddenTextCharacter(text), "must not contain control characters, lone surrogates or bidirectional overrides")
    .trim()
    .min(1, "must not be empty")
    .max(max);

export const nameSchema = boundedText(MAX_NAME);
export const titleSchema = boundedText(MAX_TITLE);
export const longTextSchema = boundedText(MAX_TEXT);

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

/** True when the `YYYY-MM-DD` at the start of `value` is a real calendar date. */
export const isRealCalendarDate = (value: string): boolean => {
  const match = DATE_PREFIX.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
};

/** ISO 8601 date-time WITH offset, e.g. `2024-03-01T09:30:00+08:00`; refuses `2024-02-30…`. */
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine(isRealCalendarDate, "not a real calendar date")
  .refine((value) => Number.isFinite(Date.parse(value)), "not a valid instant");

/** A calendar date `YYYY-MM-DD` (real dates only). */
export const isoDateSchema = z.iso.date().refine(isRealCalendarDate, "not a real calendar date");

export const urlSchema = z
  .url({ protocol: /^https?$/ })
  .max(MAX_URL);

/** A list whose items are unique (by identity of the primitive value). */
export const uniqueList = <T extends z.ZodType<string>>(item: T, options: { min?: number; max?: number } = {}) =>
  z
    .array(item)
    .min(options.min ?? 0)
    .max(options.max ?? MAX_LIST)
    .refine((list) => new Set(list).size === list.length, "items must be unique");

/** Milliseconds since the epoch of an ISO date-time (with offset). */
export const instant = (iso: string): number => Date.parse(iso);
