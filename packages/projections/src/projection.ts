import { countingEvents, isVoiding, type DutyEventType, type EventData } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import type { IndexEntry } from "./read-model-store.js";

/**
 * A projection: a pure fold of the event log into documents.
 *
 * - `keysOf(event)` names the documents an event touches (a pure function of the event);
 * - `init(key)` is the document before any event;
 * - `apply(doc, event)` returns the document after the event. It must be pure and
 *   deterministic, must not mutate `doc`, and returns `doc` itself when nothing changed
 *   (the engine then skips the write);
 * - `indexesOf(doc, key)` lists the document's secondary index entries (multi-valued), which
 *   the read-model store keeps in step with the document.
 *
 * The one rule of voiding: every document is built from the events of ONE stream (the
 * entity's), and is the fold of that stream's events that still count. A projection never sees
 * a voiding: when one arrives, the engine folds the documents of the voided event's stream again
 * from the stream's counting events (`foldDocument`). So `apply` only ever adds facts.
 *
 * Documents are plain JSON (no `undefined` inside arrays, no Dates, no Maps/Sets).
 * `version` is bumped whenever the shape or the meaning of the documents changes: the engine
 * then drops the projection's documents and rebuilds them from the start of the log.
 */
export interface Projection<Doc> {
  readonly name: string;
  readonly version: number;
  /** Event types the projection reads; other events only advance its checkpoint. */
  readonly handles: readonly string[];
  keysOf(event: RecordedEvent): readonly string[];
  init(key: string): Doc;
  apply(doc: Doc, event: RecordedEvent): Doc;
  indexesOf?(doc: Doc, key: string): readonly IndexEntry[];
  /**
   * For a document that lists what was voided (the suggestion view): notes a voiding of its
   * stream, after the stream's counting events before it were applied. Called only while the
   * document is folded again (`foldDocument`); a voiding is never applied. `voided` is the
   * event it voided, as recorded.
   */
  noteVoiding?(doc: Doc, voiding: VoidingNote, voided: RecordedEvent | undefined): Doc;
}

/** A voiding as a document may note it: where it is, and what it voided. */
export interface VoidingNote {
  /** The voiding's own id, position and recording time. */
  readonly eventId: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly voidedEventId: string;
  readonly voidedType: string;
  readonly reason: string;
  readonly voidedAt: string;
}

/** The note of a voiding event, or `undefined` for any other event. */
export const voidingNoteOf = (event: RecordedEvent): VoidingNote | undefined => {
  if (!isVoiding(event)) return undefined;
  const { data } = event;
  return {
    eventId: event.id,
    position: event.position,
    recordedAt: event.metadata.recordedAt,
    voidedEventId: data.eventId,
    voidedType: data.voidedType,
    reason: data.reason,
    voidedAt: data.voidedAt,
  };
};

/** Any projection (documents of any shape). Methods are bivariant, so every `Projection<D>` fits. */
export type AnyProjection = Projection<unknown>;

/**
 * The document `key` of `projection` folded from the events of its stream (in stream order), as
 * the engine holds it: `init`, then every counting event the projection handles and routes to
 * `key`, and the stream's voidings noted (`noteVoiding`) where they stand. What the engine folds a
 * stream's documents again with after a voiding, and what the specifications test against.
 */
export const foldDocument = <Doc>(
  projection: Pick<Projection<Doc>, "handles" | "keysOf" | "init" | "apply" | "noteVoiding">,
  key: string,
  stream: readonly RecordedEvent[],
): Doc => {
  let doc = projection.init(key);
  const counting = new Set(countingEvents(stream));
  for (const event of stream) {
    if (counting.has(event)) {
      if (projection.handles.includes(event.type) && projection.keysOf(event).includes(key)) doc = projection.apply(doc, event);
      continue;
    }
    const note = projection.noteVoiding === undefined ? undefined : voidingNoteOf(event);
    if (note !== undefined && projection.noteVoiding !== undefined) {
      doc = projection.noteVoiding(
        doc,
        note,
        stream.find((other) => other.id === note.voidedEventId),
      );
    }
  }
  return doc;
};

/** A recorded event whose `type` narrows its `data` to the domain's schema type. */
export type RecordedDutyEvent = { [T in DutyEventType]: RecordedEvent<T, EventData<T>> }[DutyEventType];

/**
 * Views a recorded event as a domain event. The store holds only events validated on append,
 * so the projections trust it (no re-validation on the hot path); unknown types never reach
 * a projection, because the engine delivers only the types it `handles`.
 */
export const asDutyEvent = (event: RecordedEvent): RecordedDutyEvent => event as RecordedDutyEvent;
