import { v7 } from "uuid";

/**
 * A new event id: a UUIDv7 (time-ordered), so ids inserted together sit together in the
 * event-id index (better locality than random v4 ids). Event ids make appends idempotent:
 * a client retrying an append must reuse the ids of its first attempt.
 */
export const newEventId = (): string => v7();
