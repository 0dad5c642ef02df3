import { isVoiding, streamIdOfEvent, type DutyEvent } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { expect } from "vitest";

/**
 * Given/then for projections:
 *
 *   ProjectionSpecification.for(suggestionViewProjection, foldDocument)
 *     .given([submitted, { ...accepted, id: "e-2" }, voiding])   // domain events
 *     .then({ "S-1": expectedView });                           // every document, by key
 *
 * `given` turns plain `{type, data}` events into RecordedEvents the way a store would:
 * positions 1, 2, 3…, the stream from the event's data, revisions counted per stream,
 * metadata with an actor, `recordedAt` (one minute apart from 2024-01-01, or the event's own)
 * and placeholder hashes. Each event may carry `id`, `recordedAt`, `actor` or `streamId`.
 *
 * Folding deep-freezes every document and event handed to the projection, so a projection
 * that mutates its input fails; documents must survive a JSON round trip unchanged.
 * The projection type is structural, so this file does not depend on the projections package.
 */

export interface SpecifiedProjection<Doc> {
  readonly name: string;
  readonly handles: readonly string[];
  keysOf(event: RecordedEvent): readonly string[];
  init(key: string): Doc;
  apply(doc: Doc, event: RecordedEvent): Doc;
  indexesOf?(doc: Doc, key: string): readonly { readonly name: string; readonly value: string; readonly sort?: number | string }[];
  noteVoiding?(doc: Doc, voiding: unknown, voided: RecordedEvent | undefined): Doc;
}

/**
 * How the engine folds a stream's documents again after a voiding (`foldDocument` of
 * @duty-ledger/projections): passed in, so that this file does not depend on that package.
 */
export type RefoldDocument = <Doc>(projection: SpecifiedProjection<Doc>, key: string, stream: readonly RecordedEvent[]) => Doc;

/** A given event: a domain event, optionally with the fields a store would set. */
export type GivenProjectionEvent = DutyEvent & {
  readonly id?: string;
  readonly streamId?: string;
  readonly recordedAt?: string;
  readonly actor?: { readonly id: string; readonly role: string };
  /** The backfill the event was written under (`metadata.backfillId`). */
  readonly backfillId?: string;
};

const BASE_RECORDED_AT = Date.UTC(2024, 0, 1);

/** Builds RecordedEvents from domain events, as a store would record them (see above). */
export const recordEvents = (events: readonly GivenProjectionEvent[], firstPosition = 1): RecordedEvent[] => {
  const revisions = new Map<string, number>();
  return events.map((given, index): RecordedEvent => {
    const position = firstPosition + index;
    const streamId = given.streamId ?? streamIdOfEvent(given);
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    return {
      id: given.id ?? `evt-${position}`,
      type: given.type,
      streamId,
      revision,
      position,
      data: given.data,
      metadata: {
        actor: given.actor ?? { id: "spec-office", role: "office" },
        recordedAt: given.recordedAt ?? new Date(BASE_RECORDED_AT + position * 60_000).toISOString(),
        prevHash: revision === 0 ? null : `spec-hash-${streamId}-${revision - 1}`,
        hash: `spec-hash-${streamId}-${revision}`,
        ...(given.backfillId === undefined ? {} : { backfillId: given.backfillId }),
      },
    };
  });
};

const deepFreeze = <T>(value: T): T => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/**
 * Folds recorded events into documents, as the engine does: handled types only, in order; on a
 * voiding (which a projection never applies) every document the stream's
 * events route to is folded again from the stream so far with `refold`.
 */
export const foldProjection = <Doc>(projection: SpecifiedProjection<Doc>, events: readonly RecordedEvent[], refold: RefoldDocument): Map<string, Doc> => {
  const handles = new Set(projection.handles);
  const docs = new Map<string, Doc>();
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const frozen = deepFreeze(structuredClone(event));
    const stream = streams.get(event.streamId) ?? [];
    stream.push(frozen);
    streams.set(event.streamId, stream);
    if (isVoiding(frozen)) {
      const keys = new Set(stream.filter((e) => handles.has(e.type)).flatMap((e) => projection.keysOf(e)));
      for (const key of keys) docs.set(key, refold(projection, key, [...stream]));
      continue;
    }
    if (!handles.has(event.type)) continue;
    for (const key of projection.keysOf(frozen)) {
      const doc = deepFreeze(docs.has(key) ? (docs.get(key) as Doc) : projection.init(key));
      docs.set(key, projection.apply(doc, frozen));
    }
  }
  return docs;
};

export interface ProjectionThen<Doc> {
  /** Exactly these documents exist (every key touched), deep-equal. */
  then(expected: Readonly<Record<string, Doc>>): void;
  /** The document under `key` deep-equals `expected`. */
  thenDoc(key: string, expected: Doc): void;
  /** The document under `key` matches `expected` (vitest `toMatchObject`). */
  thenDocMatches(key: string, expected: Partial<Doc> | Record<string, unknown>): void;
  /** The index entries of the document under `key` (order ignored). */
  thenIndexes(key: string, expected: readonly { readonly name: string; readonly value: string; readonly sort?: number | string }[]): void;
  /** Folding the same events again from scratch gives identical documents, and they survive JSON. */
  thenReplayIsDeterministic(): void;
  /** The documents, by key. */
  docs(): Record<string, Doc>;
  /** The recorded events built from the given ones. */
  events(): readonly RecordedEvent[];
}

const sortEntries = (entries: readonly { readonly name: string; readonly value: string; readonly sort?: number | string }[]) =>
  entries
    .map((e) => ({ name: e.name, value: e.value, sort: e.sort ?? 0 }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

export const ProjectionSpecification = {
  /** `refold`: the projections package's `foldDocument`, what the engine folds a stream's documents again with. */
  for: <Doc>(projection: SpecifiedProjection<Doc>, refold: RefoldDocument) => ({
    given: (given: readonly (GivenProjectionEvent | RecordedEvent)[]): ProjectionThen<Doc> => {
      const recorded = given.every((e) => "position" in e && "metadata" in e)
        ? (given as RecordedEvent[])
        : recordEvents(given as GivenProjectionEvent[]);
      const fold = (): Map<string, Doc> => foldProjection(projection, recorded, refold);
      const docs = (): Record<string, Doc> => Object.fromEntries(fold());
      const docOf = (key: string): Doc => {
        const all = fold();
        if (!all.has(key)) expect.fail(`projection ${projection.name} has no document ${key}; it has: ${[...all.keys()].join(", ") || "none"}`);
        return all.get(key) as Doc;
      };
      return {
        then: (expected) => expect(docs()).toEqual(expected),
        thenDoc: (key, expected) => expect(docOf(key)).toEqual(expected),
        thenDocMatches: (key, expected) => expect(docOf(key)).toMatchObject(expected as Record<string, unknown>),
        thenIndexes: (key, expected) => {
          const doc = docOf(key);
          expect(sortEntries(projection.indexesOf?.(doc, key) ?? [])).toEqual(sortEntries(expected));
        },
        thenReplayIsDeterministic: () => {
          const first = JSON.stringify([...fold()]);
          const second = JSON.stringify([...fold()]);
          expect(second).toBe(first);
          for (const [key, doc] of fold()) {
            expect(JSON.parse(JSON.stringify(doc)), `document ${key} must survive a JSON round trip`).toStrictEqual(doc);
          }
        },
        docs,
        events: () => recorded,
      };
    },
  }),
};
