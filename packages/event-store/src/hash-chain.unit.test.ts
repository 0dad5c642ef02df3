import { describe, expect, it } from "vitest";
import { isInvalidAppend } from "./errors.js";
import { chainEvents, encodeNewEvents, startStreamChain, type EncodedEvent } from "./event-encoding.js";
import type { EventMetadata, NewEvent, RecordedEvent } from "./event-store.js";
import { createCanonicalEncoder } from "./canonical-json.js";
import { hashEvent, sha256Hex, verifyStreamChain, type ChainEvent } from "./hash-chain.js";

const actor = { id: "clerk-1", role: "clerk" };
const recordedAt = "2026-11-21T08:00:00.000Z";

/** What a store records: the chained events as RecordedEvents (position is arbitrary). */
function record(streamId: string, events: readonly NewEvent[], firstRevision = 0, prevHash: string | null = null): RecordedEvent[] {
  return chainEvents(streamId, encodeNewEvents(streamId, events), firstRevision, prevHash, recordedAt).map((chained, i) => ({
    id: chained.id,
    type: chained.type,
    streamId,
    revision: chained.revision,
    position: 1000 + i,
    data: JSON.parse(chained.dataJson) as unknown,
    metadata: JSON.parse(chained.metadataJson) as EventMetadata,
  }));
}

const newEvent = (n: number, metadata: object = { actor }): NewEvent =>
  ({ id: `event-${n}`, type: n % 2 === 0 ? "Even" : "Odd", data: { n, text: `第${n}条`, nested: { b: [n], a: null } }, metadata }) as NewEvent;

describe("hashEvent", () => {
  it("is the SHA-256 of the canonical JSON of streamId, revision, id, type, data and metadata without hash", () => {
    const event = {
      streamId: "s-1",
      revision: 0,
      position: 17,
      id: "e-1",
      type: "T",
      data: { b: 2, a: 1 },
      metadata: { recordedAt, prevHash: null, actor: { role: "r", id: "u" }, hash: "ignored" },
    };
    expect(hashEvent(event)).toBe(
      sha256Hex(
        '{"data":{"a":1,"b":2},"id":"e-1","metadata":{"actor":{"id":"u","role":"r"},"prevHash":null,"recordedAt":"2026-11-21T08:00:00.000Z"},"revision":0,"streamId":"s-1","type":"T"}',
      ),
    );
    // Pinned: auditors' tools recompute this; changing the encoding breaks every stored chain.
    expect(hashEvent(event)).toBe("f70df50fc77895d62b154a1917425e6b42354d4a43195955d42276591513e293");
  });

  it("gives the same hashes through one reused encoder as through a fresh one per event", () => {
    const encoder = createCanonicalEncoder({ maxShapes: 2 });
    const events = [
      { b: 2, a: 1 },
      { a: 1, b: 2 },
      { a: { y: [1, { d: 1, c: 2 }], x: null }, b: "第1条" },
      { z: 1 },
      { b: 2, a: 1, c: 3 },
      { b: 2, a: 1 },
    ].map((data, revision) => ({ streamId: "s-1", revision, id: `e-${revision}`, type: "T", data, metadata: { recordedAt, prevHash: null, actor: { role: "r", id: "u" } } }));
    for (const event of [...events, ...events]) expect(hashEvent(event, encoder)).toBe(hashEvent(event));
  });

  it("ignores the position and the key order, and changes with every hashed field", () => {
    const [event] = record("stream-a", [newEvent(1, { actor, correlationId: "c-1", causationId: "k-1" })]) as [RecordedEvent];
    const base = hashEvent(event);
    expect(hashEvent({ ...event, position: 99 } as RecordedEvent)).toBe(base);
    expect(hashEvent({ ...event, data: { nested: { a: null, b: [1] }, text: "第1条", n: 1 } })).toBe(base);
    const variants: RecordedEvent[] = [
      { ...event, streamId: "stream-b" },
      { ...event, revision: 1 },
      { ...event, id: "event-x" },
      { ...event, type: "Other" },
      { ...event, data: { n: 2 } },
      { ...event, metadata: { ...event.metadata, actor: { id: "clerk-2", role: "clerk" } } },
      { ...event, metadata: { ...event.metadata, recordedAt: "2026-11-21T08:00:00.001Z" } },
      { ...event, metadata: { ...event.metadata, prevHash: "0".repeat(64) } },
      { ...event, metadata: { ...event.metadata, correlationId: "c-2" } },
      { ...event, metadata: { ...event.metadata, causationId: undefined } },
    ];
    for (const variant of variants) expect(hashEvent(variant)).not.toBe(base);
  });
});

describe("chainEvents", () => {
  it("stores the hash hashEvent computes and links each event to the previous one", () => {
    const events = record("stream-a", [newEvent(0), newEvent(1), newEvent(2)]);
    expect(events[0]?.metadata.prevHash).toBeNull();
    for (const [i, event] of events.entries()) {
      expect(event.metadata.hash).toBe(hashEvent(event));
      expect(event.metadata.recordedAt).toBe(recordedAt);
      expect(event.metadata.actor).toEqual(actor);
      if (i > 0) expect(event.metadata.prevHash).toBe(events[i - 1]?.metadata.hash);
    }
    const continued = record("stream-a", [newEvent(3)], 3, events[2]?.metadata.hash ?? null);
    expect(verifyStreamChain([...events, ...continued]).ok).toBe(true);
  });

  it("hashes any metadata keys the caller adds, and replaces the ones only the store sets", () => {
    // Keys sorting before "prevHash", between it and "recordedAt" ("purpose"), and after ("zeta").
    const metadata = { zeta: { b: 1, a: 2 }, purpose: "audit", origin: "import", actor, hash: "forged", prevHash: "forged", recordedAt: "1999-01-01T00:00:00Z" };
    const [event] = record("stream-m", [newEvent(0, metadata)]) as [RecordedEvent];
    expect(event.metadata).toEqual({ actor, origin: "import", purpose: "audit", zeta: { a: 2, b: 1 }, prevHash: null, recordedAt, hash: event.metadata.hash });
    expect(event.metadata.hash).toBe(hashEvent(event));
    const [shared1, shared2] = record("stream-m", [newEvent(1), newEvent(2)].map((e) => ({ ...e, metadata })));
    expect(shared1?.metadata.hash).toBe(hashEvent(shared1 as RecordedEvent));
    expect(shared2?.metadata.prevHash).toBe(shared1?.metadata.hash);
  });
});

describe("startStreamChain", () => {
  it("stores the metadata in canonical order with the hash last, and continues the chain across calls", () => {
    const metadata = { zeta: 1, purpose: "p", actor, correlationId: "c" };
    const encoded = encodeNewEvents("stream-c", [newEvent(0, metadata), newEvent(1, metadata)]);
    const chain = startStreamChain("stream-c", null, recordedAt);
    expect(chain.lastHash).toBeNull();
    const first = chain.next(encoded[0] as EncodedEvent, 0);
    const firstHash = chain.lastHash;
    expect(first).toBe(
      `{"actor":{"id":"clerk-1","role":"clerk"},"correlationId":"c","prevHash":null,"purpose":"p","recordedAt":"${recordedAt}","zeta":1,"hash":"${firstHash}"}`,
    );
    const second = JSON.parse(chain.next(encoded[1] as EncodedEvent, 1)) as EventMetadata;
    expect(second.prevHash).toBe(firstHash);
    expect(second.hash).toBe(chain.lastHash);
    expect(record("stream-c", [newEvent(0, metadata), newEvent(1, metadata)]).map((event) => event.metadata.hash)).toEqual([firstHash, second.hash]);
  });
});

describe("encodeNewEvents", () => {
  it("refuses malformed appends with INVALID_APPEND", () => {
    const refusals: [string, () => unknown][] = [
      ["no events", () => encodeNewEvents("s", [])],
      ["empty stream id", () => encodeNewEvents("", [newEvent(1)])],
      ["duplicate ids", () => encodeNewEvents("s", [newEvent(1), newEvent(1)])],
      ["no id", () => encodeNewEvents("s", [{ ...newEvent(1), id: "" }])],
      ["no type", () => encodeNewEvents("s", [{ ...newEvent(1), type: "" }])],
      ["no actor", () => encodeNewEvents("s", [newEvent(1, {})])],
      ["actor without id", () => encodeNewEvents("s", [newEvent(1, { actor: { role: "x" } })])],
      ["NaN in data", () => encodeNewEvents("s", [{ ...newEvent(1), data: { n: Number.NaN } }])],
      ["undefined data", () => encodeNewEvents("s", [{ ...newEvent(1), data: undefined }])],
      ["bigint in metadata", () => encodeNewEvents("s", [newEvent(1, { actor, extra: 1n })])],
    ];
    for (const [label, attempt] of refusals) {
      let error: unknown;
      try {
        attempt();
      } catch (caught) {
        error = caught;
      }
      expect(isInvalidAppend(error), label).toBe(true);
    }
  });
});

describe("verifyStreamChain", () => {
  const chain = record("stream-v", [0, 1, 2, 3, 4, 5].map((n) => newEvent(n)));
  const at = (i: number): ChainEvent => chain[i] as ChainEvent;

  it("accepts an intact chain and an empty one", () => {
    expect(verifyStreamChain(chain)).toEqual({ ok: true, checked: 6, lastHash: at(5).metadata.hash });
    expect(verifyStreamChain([])).toEqual({ ok: true, checked: 0, lastHash: null });
  });

  it("finds an altered event: data, metadata, or a rewritten and re-hashed one", () => {
    expect(verifyStreamChain(chain.map((e, i) => (i === 2 ? { ...e, data: { n: 99 } } : e)))).toMatchObject({
      ok: false,
      index: 2,
      checked: 2,
      reason: "altered",
    });
    const otherActor = { ...at(4), metadata: { ...at(4).metadata, actor: { id: "someone-else", role: "clerk" } } };
    expect(verifyStreamChain(chain.map((e, i) => (i === 4 ? otherActor : e)))).toMatchObject({ ok: false, index: 4, reason: "altered" });
    const forged = { ...at(1), data: { n: 1, forged: true } };
    const rehashed = { ...forged, metadata: { ...forged.metadata, hash: hashEvent(forged) } };
    expect(verifyStreamChain(chain.map((e, i) => (i === 1 ? rehashed : e)))).toMatchObject({ ok: false, index: 2, reason: "altered" });
  });

  it("finds missing events", () => {
    expect(verifyStreamChain(chain.filter((_, i) => i !== 3))).toMatchObject({ ok: false, index: 3, reason: "missing" });
    const result = verifyStreamChain(chain.filter((_, i) => i !== 2 && i !== 3));
    expect(result).toMatchObject({ ok: false, index: 2, reason: "missing" });
    expect(result.ok === false && result.detail).toContain("revisions 2..3");
    // The first event removed: revision 1 first, with an anchor saying the chain starts empty.
    expect(verifyStreamChain(chain.slice(1), { anchor: { revision: -1, hash: null } })).toMatchObject({
      ok: false,
      index: 0,
      reason: "missing",
    });
  });

  it("finds reordered and duplicated events", () => {
    expect(verifyStreamChain([at(0), at(2), at(1), at(3)])).toMatchObject({ ok: false, index: 1, reason: "reordered" });
    expect(verifyStreamChain([at(0), at(1), at(1), at(2)])).toMatchObject({ ok: false, index: 2, reason: "reordered" });
    expect(verifyStreamChain([at(1), at(0)])).toMatchObject({ ok: false, index: 1, reason: "reordered" });
  });

  it("verifies a slice, trusting its first link unless given an anchor", () => {
    expect(verifyStreamChain(chain.slice(3))).toMatchObject({ ok: true, checked: 3 });
    expect(verifyStreamChain(chain.slice(3), { anchor: { revision: 2, hash: at(2).metadata.hash } })).toMatchObject({ ok: true });
    expect(verifyStreamChain(chain.slice(3), { anchor: { revision: 2, hash: at(1).metadata.hash } })).toMatchObject({
      ok: false,
      index: 0,
      reason: "altered",
    });
  });
});
