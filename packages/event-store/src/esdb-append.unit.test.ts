import { describe, expect, it } from "vitest";
import { isIdempotencyConflict, isInvalidAppend } from "./errors.js";
import { checkEsdbAppend, prepareEsdbEvents, sameBatch } from "./esdb-append.js";
import type { PreparedEvent } from "./esdb-append.js";
import { LEDGER_EVENT_ID_KEY, RESERVATION_EVENT_TYPE, decodeMetadata, reservationStreamId } from "./esdb-mapping.js";
import { encodeNewEvents } from "./event-encoding.js";
import type { NewEvent, RecordedEvent } from "./event-store.js";
import { verifyStreamChain } from "./hash-chain.js";

const actor = { id: "O-01", role: "office" };
const uuid = "0190b5a2-6c3e-7d41-9f2a-3b4c5d6e7f80";
const events: NewEvent[] = [
  { id: uuid, type: "DeputyRegistered", data: { deputyId: "D-0001", name: "张三" }, metadata: { actor } },
  { id: "plain-2", type: "ContactRecorded", data: { "10": 1, "2": 2, b: [1, { z: 1, a: 2 }] }, metadata: { actor, correlationId: "c-1" } },
  { id: "plain-3", type: "Note", data: "just a string", metadata: { actor, causationId: "plain-2" } },
];

/** What a read returns for an event after it went over the wire as the client sends it (JSON text). */
const overTheWire = (prepared: PreparedEvent, streamId: string, position: number): RecordedEvent => {
  const data = JSON.parse(JSON.stringify(prepared.esdb.data)) as unknown;
  const { metadata, ledgerEventId } = decodeMetadata(JSON.parse(JSON.stringify(prepared.esdb.metadata)), "test");
  return {
    id: ledgerEventId ?? prepared.esdb.id,
    type: prepared.esdb.type,
    streamId,
    revision: prepared.recorded.revision,
    position,
    data,
    metadata,
  };
};

describe("prepareEsdbEvents", () => {
  it("sends events whose hash chain verifies once read back", () => {
    const prepared = prepareEsdbEvents("suggestion-1", encodeNewEvents("suggestion-1", events), null, null, "2026-11-21T08:00:00.000Z");
    const read = prepared.map((event, index) => overTheWire(event, "suggestion-1", 100 + index));
    expect(read.map((event) => event.id)).toEqual([uuid, "plain-2", "plain-3"]);
    expect(read.map((event) => event.revision)).toEqual([0, 1, 2]);
    expect(read[0]?.metadata.prevHash).toBeNull();
    expect(read[1]?.metadata.prevHash).toBe(read[0]?.metadata.hash);
    expect(read[1]?.metadata).toMatchObject({ actor, correlationId: "c-1", recordedAt: "2026-11-21T08:00:00.000Z" });
    expect(verifyStreamChain(read)).toMatchObject({ ok: true, checked: 3, lastHash: read[2]?.metadata.hash });
    // What the adapter returns without reading back equals what a read returns, but for the position.
    prepared.forEach((event, index) => expect({ ...event.recorded, position: 100 + index }).toEqual(read[index]));
  });

  it("stores UUID ids as they are and other ids as a UUID plus the original in the metadata", () => {
    const [first, second] = prepareEsdbEvents("s", encodeNewEvents("s", events), null, null, "2026-11-21T08:00:00.000Z");
    expect(first?.esdb.id).toBe(uuid);
    expect(first?.esdb.metadata).not.toHaveProperty(LEDGER_EVENT_ID_KEY);
    expect(second?.esdb.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.esdb.metadata).toHaveProperty(LEDGER_EVENT_ID_KEY, "plain-2");
    expect(second?.recorded.metadata).not.toHaveProperty(LEDGER_EVENT_ID_KEY);
  });

  it("continues a stream's chain from its head", () => {
    const head = prepareEsdbEvents("s", encodeNewEvents("s", events.slice(0, 2)), null, null, "2026-11-21T08:00:00.000Z");
    const last = head[1] as PreparedEvent;
    const next = prepareEsdbEvents("s", encodeNewEvents("s", events.slice(2)), 1, last.recorded.metadata.hash, "2026-11-21T09:00:00.000Z");
    const read = [...head, ...next].map((event, index) => overTheWire(event, "s", index + 1));
    expect(read.map((event) => event.revision)).toEqual([0, 1, 2]);
    expect(verifyStreamChain(read)).toMatchObject({ ok: true, checked: 3 });
  });
});

describe("sameBatch", () => {
  const encoded = encodeNewEvents("s", events.slice(0, 2));
  const stored = prepareEsdbEvents("s", encoded, 4, "ab".repeat(32), "2026-11-21T08:00:00.000Z").map((event, index) =>
    overTheWire(event, "s", 10 + index),
  );

  it("returns the stored events of an earlier append of the same batch", () => {
    expect(sameBatch("s", stored, encoded)).toEqual(stored);
  });

  it("treats other metadata as the same batch, as the SQLite store does (it compares types and data)", () => {
    const again = encodeNewEvents("s", events.slice(0, 2).map((event) => ({ ...event, metadata: { actor, correlationId: "retry" } })));
    expect(sameBatch("s", stored, again)).toEqual(stored);
  });

  it("refuses a repeat with other data or type", () => {
    const altered = encodeNewEvents("s", [events[0] as NewEvent, { ...(events[1] as NewEvent), data: { other: true } }]);
    expect(() => sameBatch("s", stored, altered)).toThrow(expect.objectContaining({ code: "IDEMPOTENCY_CONFLICT", eventId: "plain-2" }));
    const retyped = encodeNewEvents("s", [{ ...(events[0] as NewEvent), type: "Other" }, events[1] as NewEvent]);
    expect(() => sameBatch("s", stored, retyped)).toThrow(expect.objectContaining({ code: "IDEMPOTENCY_CONFLICT" }));
  });

  it("refuses a batch that is only partly stored or in another order", () => {
    const longer = encodeNewEvents("s", events);
    let error: unknown;
    try {
      sameBatch("s", stored, longer);
    } catch (caught) {
      error = caught;
    }
    expect(isIdempotencyConflict(error)).toBe(true);
    const reordered = encodeNewEvents("s", [events[1] as NewEvent, events[0] as NewEvent]);
    expect(() => sameBatch("s", stored, reordered)).toThrow(expect.objectContaining({ code: "IDEMPOTENCY_CONFLICT" }));
  });
});

describe("checkEsdbAppend", () => {
  const one = [events[0] as NewEvent];
  const refused = (run: () => void): boolean => {
    try {
      run();
      return false;
    } catch (error) {
      return isInvalidAppend(error);
    }
  };

  it("accepts the port's expected revisions", () => {
    for (const expected of ["any", "no_stream", "stream_exists", 0, 12]) {
      expect(refused(() => checkEsdbAppend("s", one, expected))).toBe(false);
    }
  });

  it("refuses invalid expected revisions", () => {
    for (const expected of [-1, 1.5, "latest", null]) expect(refused(() => checkEsdbAppend("s", one, expected))).toBe(true);
  });

  it("refuses the adapter's reservation streams and type", () => {
    expect(refused(() => checkEsdbAppend(reservationStreamId("x"), one, "any"))).toBe(true);
    expect(refused(() => checkEsdbAppend("s", [{ ...(events[0] as NewEvent), type: RESERVATION_EVENT_TYPE }], "any"))).toBe(true);
  });

  it("refuses EventStoreDB's reserved names and the adapter's metadata key", () => {
    expect(refused(() => checkEsdbAppend("$all", one, "any"))).toBe(true);
    expect(refused(() => checkEsdbAppend("s", [{ ...(events[0] as NewEvent), type: "$metadata" }], "any"))).toBe(true);
    const sneaky = { ...(events[0] as NewEvent), metadata: { actor, [LEDGER_EVENT_ID_KEY]: "forged" } };
    expect(refused(() => checkEsdbAppend("s", [sneaky], "any"))).toBe(true);
  });
});
