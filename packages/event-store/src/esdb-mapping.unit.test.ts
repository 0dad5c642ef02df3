import { END, NO_STREAM, START } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import {
  LEDGER_EVENT_ID_KEY,
  RESERVATION_EVENT_TYPE,
  RESERVATION_STREAM_PREFIX,
  buildSubscriptionFilter,
  checkCount,
  checkInteger,
  decodeMetadata,
  encodeMetadata,
  escapeRegex,
  esdbToPortExpectedRevision,
  fromEsdbCurrentRevision,
  fromEsdbPosition,
  isHiddenEvent,
  isSystemEvent,
  matchesFilter,
  parseReservation,
  portToEsdbExpectedRevision,
  repeatCandidateRevision,
  reservationStreamId,
  satisfiesExpectedRevision,
  toEsdbEventId,
  toEsdbExpectedRevision,
  toReadPosition,
  toReadRevision,
} from "./esdb-mapping.js";
import type { EventMetadata } from "./event-store.js";

describe("expected revision mapping", () => {
  it("sends the revision the adapter read: no_stream for a missing stream, else the exact bigint", () => {
    expect(toEsdbExpectedRevision(null)).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  it("maps the port's expectations to the client's and back", () => {
    for (const expected of ["any", "no_stream", "stream_exists", 0, 7] as const) {
      expect(esdbToPortExpectedRevision(portToEsdbExpectedRevision(expected))).toBe(expected);
    }
    expect(portToEsdbExpectedRevision(7)).toBe(7n);
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBeNull();
    expect(fromEsdbCurrentRevision(3n)).toBe(3);
  });

  it("checks an expectation against the stream's current revision", () => {
    expect(satisfiesExpectedRevision("any", null)).toBe(true);
    expect(satisfiesExpectedRevision("any", 4)).toBe(true);
    expect(satisfiesExpectedRevision("no_stream", null)).toBe(true);
    expect(satisfiesExpectedRevision("no_stream", 0)).toBe(false);
    expect(satisfiesExpectedRevision("stream_exists", null)).toBe(false);
    expect(satisfiesExpectedRevision("stream_exists", 0)).toBe(true);
    expect(satisfiesExpectedRevision(2, 2)).toBe(true);
    expect(satisfiesExpectedRevision(2, 3)).toBe(false);
    expect(satisfiesExpectedRevision(0, null)).toBe(false);
  });

  it("locates where a repeated append must have landed", () => {
    expect(repeatCandidateRevision(2, 5)).toBe(3);
    expect(repeatCandidateRevision(2, 2)).toBeNull();
    expect(repeatCandidateRevision(5, 2)).toBeNull();
    expect(repeatCandidateRevision(0, null)).toBeNull();
    expect(repeatCandidateRevision("no_stream", 3)).toBe(0);
    expect(repeatCandidateRevision("no_stream", null)).toBeNull();
    expect(repeatCandidateRevision("any", 3)).toBeNull();
    expect(repeatCandidateRevision("stream_exists", 3)).toBeNull();
  });
});

describe("read starts", () => {
  it("defaults to the start forwards and the end backwards", () => {
    expect(toReadRevision(undefined, "forwards")).toBe(START);
    expect(toReadRevision(undefined, "backwards")).toBe(END);
    expect(toReadRevision(3, "backwards")).toBe(3n);
    expect(toReadPosition(undefined, "forwards")).toBe(START);
    expect(toReadPosition(undefined, "backwards")).toBe(END);
    expect(toReadPosition(0, "forwards")).toBe(START);
  });

  it("names a commit position as {commit, prepare} of the same value", () => {
    expect(toReadPosition(1234, "forwards")).toEqual({ commit: 1234n, prepare: 1234n });
    expect(fromEsdbPosition(1234n)).toBe(1234);
  });

  it("checks counts and starts as the SQLite store does", () => {
    expect(checkCount(undefined, "maxCount")).toBe(Number.POSITIVE_INFINITY);
    expect(checkCount(0, "maxCount")).toBe(0);
    expect(() => checkCount(-1, "maxCount")).toThrow(RangeError);
    expect(checkInteger(-5, "fromPosition")).toBe(-5);
    expect(checkInteger(undefined, "fromPosition")).toBeUndefined();
    expect(() => checkInteger(0.5, "fromPosition")).toThrow(RangeError);
  });

  it("refuses negative, fractional and unsafe values", () => {
    expect(() => toReadRevision(-1, "forwards")).toThrow(RangeError);
    expect(() => toReadPosition(1.5, "forwards")).toThrow(RangeError);
    expect(() => fromEsdbPosition(2n ** 60n)).toThrow(RangeError);
  });
});

describe("filters", () => {
  it("sends stream prefixes to the server when given (types are then checked on the client)", () => {
    const filter = buildSubscriptionFilter({ streamPrefixes: ["suggestion-", "deputy-"], eventTypes: ["A"] });
    expect(filter).toMatchObject({ filterOn: "streamName", prefixes: ["suggestion-", "deputy-"] });
  });

  it("sends event types as an exact-match regex", () => {
    const filter = buildSubscriptionFilter({ eventTypes: ["SuggestionSubmitted", "a.b+c"] });
    expect(filter).toMatchObject({ filterOn: "eventType", regex: "^(?:SuggestionSubmitted|a\\.b\\+c)$" });
    const regex = new RegExp("regex" in filter ? filter.regex : "");
    expect(regex.test("SuggestionSubmitted")).toBe(true);
    expect(regex.test("a.b+c")).toBe(true);
    expect(regex.test("aXb+c")).toBe(false);
    expect(regex.test("SuggestionSubmittedLater")).toBe(false);
  });

  it("drops EventStoreDB's system events and the id reservations on the server when unfiltered", () => {
    const filter = buildSubscriptionFilter(undefined);
    expect(filter).toMatchObject({ filterOn: "eventType" });
    const regex = new RegExp("regex" in filter ? filter.regex : "");
    expect(regex.test("$statsCollected")).toBe(false);
    expect(regex.test("$>")).toBe(false);
    expect(regex.test(RESERVATION_EVENT_TYPE)).toBe(false);
    expect(regex.test("DeputyRegistered")).toBe(true);
    expect(regex.test(`${RESERVATION_EVENT_TYPE}Later`)).toBe(true);
    expect(buildSubscriptionFilter({})).toEqual(filter);
  });

  it("escapes every regex metacharacter", () => {
    const text = "a.b*c+d?e(f)g[h]i{j}k|l^m$n\\o";
    expect(new RegExp(`^${escapeRegex(text)}$`).test(text)).toBe(true);
  });

  it("matches on the client: all criteria must hold; an empty list is no criterion", () => {
    const filter = { eventTypes: ["A", "B"], streamPrefixes: ["s-"] };
    expect(matchesFilter(filter, "s-1", "A")).toBe(true);
    expect(matchesFilter(filter, "t-1", "A")).toBe(false);
    expect(matchesFilter(filter, "s-1", "C")).toBe(false);
    expect(matchesFilter(undefined, "anything", "Any")).toBe(true);
    expect(matchesFilter({ eventTypes: [], streamPrefixes: [] }, "s-1", "A")).toBe(true);
    expect(buildSubscriptionFilter({ eventTypes: [], streamPrefixes: [] })).toEqual(buildSubscriptionFilter(undefined));
  });

  it("recognises system streams and events, and hides the id reservations too", () => {
    expect(isSystemEvent("$stats-127.0.0.1:2113", "$statsCollected")).toBe(true);
    expect(isSystemEvent("$$suggestion-1", "$metadata")).toBe(true);
    expect(isSystemEvent("$ce-suggestion", "$>")).toBe(true);
    expect(isSystemEvent("suggestion-1", "SuggestionSubmitted")).toBe(false);
    expect(isHiddenEvent("$ce-suggestion", "$>")).toBe(true);
    expect(isHiddenEvent(reservationStreamId("e-1"), RESERVATION_EVENT_TYPE)).toBe(true);
    expect(isHiddenEvent("suggestion-1", "SuggestionSubmitted")).toBe(false);
  });
});

describe("event ids and metadata", () => {
  const metadata: EventMetadata = {
    actor: { id: "D-0001", role: "deputy" },
    correlationId: "c-1",
    recordedAt: "2026-11-21T08:00:00.000Z",
    prevHash: null,
    hash: "ab".repeat(32),
  };

  it("keeps lower-case UUIDs and maps other ids (upper-case UUIDs too) to a stable name-based UUID", () => {
    const uuid = "0190b5a2-6c3e-7d41-9f2a-3b4c5d6e7f80";
    expect(toEsdbEventId(uuid)).toBe(uuid);
    expect(toEsdbEventId(uuid.toUpperCase())).not.toBe(uuid);
    expect(toEsdbEventId(uuid.toUpperCase())).toBe(toEsdbEventId(uuid.toUpperCase()));
    const mapped = toEsdbEventId("evt-1");
    expect(mapped).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(toEsdbEventId("evt-1")).toBe(mapped);
    expect(toEsdbEventId("evt-2")).not.toBe(mapped);
  });

  it("stores the caller's id only when EventStoreDB holds another form, and reads it back", () => {
    const uuid = "0190b5a2-6c3e-7d41-9f2a-3b4c5d6e7f80";
    expect(encodeMetadata(metadata, uuid)).toEqual(metadata);
    const stored = encodeMetadata(metadata, "evt-1");
    expect(stored[LEDGER_EVENT_ID_KEY]).toBe("evt-1");
    const decoded = decodeMetadata(JSON.parse(JSON.stringify(stored)), "test");
    expect(decoded).toEqual({ metadata, ledgerEventId: "evt-1" });
    expect(decodeMetadata(encodeMetadata(metadata, uuid), "test").ledgerEventId).toBeUndefined();
  });

  it("names one reservation stream per event id and reads reservations back", () => {
    expect(reservationStreamId("evt-1")).toBe(`${RESERVATION_STREAM_PREFIX}${toEsdbEventId("evt-1")}`);
    expect(reservationStreamId("evt-1")).not.toBe(reservationStreamId("evt-2"));
    expect(parseReservation({ streamId: "s-1", eventId: "evt-1" }, "r")).toEqual({ streamId: "s-1", eventId: "evt-1" });
    expect(() => parseReservation({ streamId: 1 }, "r")).toThrow(TypeError);
  });

  it("refuses metadata that no ledger append wrote", () => {
    expect(() => decodeMetadata(undefined, "e")).toThrow(TypeError);
    expect(() => decodeMetadata(new Uint8Array([1]), "e")).toThrow(TypeError);
    expect(() => decodeMetadata({ actor: { id: "x", role: "y" }, recordedAt: "t" }, "e")).toThrow(/hash chain/);
  });
});
