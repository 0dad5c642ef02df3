import { ValidationError } from "@duty-ledger/domain";

/**
 * The timeline's opaque cursor. Pages are keyed on the log position of the last entry shown
 * (keyset paging), so a cursor stays valid and gaps or repeats never appear while new events
 * are appended: they only ever come before the first page. The encoding (`tl1.` + base64url)
 * is private: clients pass `nextCursor` back as they received it.
 */

const PREFIX = "tl1.";

const invalidCursor = (cursor: string): ValidationError =>
  new ValidationError(`cursor is not a cursor of this timeline: ${JSON.stringify(cursor.slice(0, 80))}`, {
    errors: [{ path: "cursor", message: "is not a cursor of this timeline" }],
  });

/** The opaque form of the read model's page key (a position, in digits). */
export const encodeTimelineCursor = (readerCursor: string): string =>
  `${PREFIX}${Buffer.from(`before:${readerCursor}`, "utf8").toString("base64url")}`;

/** The read model's page key of an opaque cursor; ValidationError on `cursor` otherwise. */
export const decodeTimelineCursor = (cursor: string): string => {
  if (!cursor.startsWith(PREFIX)) throw invalidCursor(cursor);
  const body = cursor.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw invalidCursor(cursor);
  const match = /^before:(\d{1,16})$/.exec(Buffer.from(body, "base64url").toString("utf8"));
  if (match?.[1] === undefined || !Number.isSafeInteger(Number(match[1]))) throw invalidCursor(cursor);
  return match[1];
};
