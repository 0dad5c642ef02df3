import { createHash } from "node:crypto";
import {
  eventLeafHash,
  hashEvent,
  hashFromHex,
  isTreeSizeError,
  newEventId,
  verifyConsistency,
  verifyInclusion,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type TransparencyLog,
} from "@duty-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The conformance suite of the port's transparency log (`EventStore.transparencyLog`): the
 * tree over the log is RFC 9162's, checked against a root computed here the slow way from the
 * events' hashes, and its proofs verify with §2.1.3.2 / §2.1.4.2. Adapters without a tree
 * skip it, saying so.
 */

const actor = { id: "transparency-conformance", role: "system" } as const;
const newEvents = (count: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ id: newEventId(), type: "TreeTested", data: { i }, metadata: { actor } }));

/** Events as another store recorded them: chained, with their own times. */
const recordedElsewhere = (streamId: string, count: number): RecordedEvent[] => {
  const recorded: RecordedEvent[] = [];
  let prevHash: string | null = null;
  for (const [revision, event] of newEvents(count).entries()) {
    const metadata = { actor, recordedAt: `2023-05-0${revision + 1}T08:00:00.000Z`, prevHash };
    const unhashed = { id: event.id, type: event.type, streamId, revision, position: 0, data: event.data, metadata };
    const hash = hashEvent(unhashed);
    recorded.push({ ...unhashed, metadata: { ...metadata, hash } });
    prevHash = hash;
  }
  return recorded;
};

const sha = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};
/** RFC 9162 §2.1.1 MTH, written out (slow, recursive): leaf data are the events' 32-byte hashes. */
const referenceRoot = (data: readonly Buffer[]): Buffer => {
  if (data.length === 0) return sha();
  if (data.length === 1) return sha(Buffer.from([0]), data[0] as Buffer);
  let k = 1;
  while (k * 2 < data.length) k *= 2;
  return sha(Buffer.from([1]), referenceRoot(data.slice(0, k)), referenceRoot(data.slice(k)));
};

const hex = (text: string): Buffer => {
  const hash = hashFromHex(text);
  if (hash === null) throw new Error(`not a lowercase hex hash: ${text}`);
  return hash;
};

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

/** The RFC 9162 root of a log whose events have these `metadata.hash` values, computed the slow way. */
export const referenceRootOfLog = (events: readonly { readonly metadata: { readonly hash: string } }[]): string =>
  referenceRoot(events.map((event) => hex(event.metadata.hash))).toString("hex");

export function describeTransparencyLogConformance(name: string, open: () => Promise<EventStore>): void {
  describe(`transparency log conformance: ${name}`, () => {
    let store: EventStore;
    let log: TransparencyLog | undefined;
    const run = `tree${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

    beforeAll(async () => {
      store = await open();
      log = store.transparencyLog;
      if (log === undefined) console.warn(`SKIPPED: transparency log conformance for ${name}: the store keeps no Merkle tree`);
    });
    afterAll(async () => {
      await store?.close();
    });

    /** The leaf data of the whole log, in order, read from the events. */
    const leafData = async (): Promise<Buffer[]> => {
      const data: Buffer[] = [];
      for await (const event of store.readAll()) data.push(hex(event.metadata.hash));
      return data;
    };

    it("keeps the RFC 9162 root of the log at every size, appends and imports alike", async (context) => {
      if (log === undefined) return context.skip();
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(`${run}-s${i}`, newEvents(1 + (i % 5)))));
      for (let i = 0; i < 5; i++) await store.append(`${run}-seq`, newEvents(3));
      await store.importRecorded(recordedElsewhere(`${run}-imported`, 4));
      const data = await leafData();
      const head = await log.treeHead(data.length);
      expect(head.treeSize).toBe(data.length);
      expect(head.rootHash).toBe(referenceRoot(data).toString("hex"));
      for (const size of [1, 2, 3, 16, 17, data.length - 1].filter((n) => n >= 1 && n <= data.length)) {
        expect((await log.treeHead(size)).rootHash).toBe(referenceRoot(data.slice(0, size)).toString("hex"));
      }
    });

    it("answers inclusion and consistency proofs that verify against the roots", async (context) => {
      if (log === undefined) return context.skip();
      await store.append(`${run}-more`, newEvents(21));
      const data = await leafData();
      const n = data.length;
      for (const treeSize of [n, Math.max(1, n - 7), Math.ceil(n / 2)]) {
        const root = referenceRoot(data.slice(0, treeSize));
        for (const leafIndex of [0, treeSize - 1, Math.floor(treeSize / 3)]) {
          const proof = await log.inclusionProof(leafIndex, treeSize);
          expect(proof.leafHash).toBe(eventLeafHash(data[leafIndex]?.toString("hex") ?? "").toString("hex"));
          expect(verifyInclusion(hex(proof.leafHash), leafIndex, treeSize, proof.path.map(hex), root)).toBe(true);
        }
      }
      for (const [from, to] of [[1, n], [n - 5, n], [Math.floor(n / 2), n - 1], [n, n]] as const) {
        const proof = await log.consistencyProof(from, to);
        const ok = verifyConsistency(from, to, proof.path.map(hex), referenceRoot(data.slice(0, from)), referenceRoot(data.slice(0, to)));
        expect(ok, `consistency ${from} → ${to}`).toBe(true);
      }
    });

    it("keeps its own copy of the leaf hashes", async (context) => {
      if (log === undefined) return context.skip();
      const data = await leafData();
      await log.treeHead(data.length);
      const expected = data.map((leaf) => eventLeafHash(leaf.toString("hex")).toString("hex"));
      expect(await log.leafHashes(0, data.length + 5)).toEqual(expected);
      expect(await log.leafHashes(3, 17)).toEqual(expected.slice(3, 20));
    });

    it("refuses sizes past the head and proofs outside the tree", async (context) => {
      if (log === undefined) return context.skip();
      const { treeSize } = await log.treeHead(await store.headPosition());
      const beyond = await refusal(log.treeHead(treeSize + 1));
      expect(isTreeSizeError(beyond) && beyond.beyondHead).toBe(true);
      const outside = await refusal(log.inclusionProof(treeSize, treeSize));
      expect(isTreeSizeError(outside) && !outside.beyondHead).toBe(true);
      expect(isTreeSizeError(await refusal(log.consistencyProof(0, treeSize)))).toBe(true);
      expect(isTreeSizeError(await refusal(log.consistencyProof(2, 1)))).toBe(true);
    });

    it("a head without a size covers the events integrated so far; signed heads are kept, one per size, listed by size", async (context) => {
      if (log === undefined) return context.skip();
      const { treeSize, rootHash } = await log.treeHead();
      expect(treeSize).toBeLessThanOrEqual(await store.headPosition());
      expect(rootHash).toBe(referenceRoot((await leafData()).slice(0, treeSize)).toString("hex"));
      const head = { treeSize, rootHash, issuedAt: "2026-12-07T00:00:00.000Z", keyId: "k1", signature: "c2ln" };
      await log.saveSignedHead(head);
      await log.saveSignedHead({ ...head, issuedAt: "2026-12-07T00:10:00.000Z" });
      const listed = await log.signedHeads({ from: treeSize, limit: 10 });
      expect(listed).toEqual([head]);
    });
  });
}
