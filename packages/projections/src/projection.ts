import type { DutyEventType, EventData } from "@duty-ledger/domain";
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
 *   the read-model store keeps in step with the document;
 * - `refold` (optional), for a projection whose every document is the fold of one stream: the
 *   events it does not apply but folds the document again for, from the stream itself (see
 *   `StreamRefold`).
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
  readonly refold?: StreamRefold<Doc>;
}

/**
 * Events a projection answers by folding the document again from its stream rather than by
 * `apply`: a voiding, after which the voided event must stop counting. A document that would
 * otherwise have to keep every event it might have to take back (to fold the rest again) keeps
 * only what it shows; the engine reads the event's stream, up to and including the event, and
 * `fold` returns the document from those events alone. `fold` is as pure as `apply`, and
 * `apply` is never called with an event `needed` is true for.
 */
export interface StreamRefold<Doc> {
  needed(event: RecordedEvent): boolean;
  /** The document `key` from the events of its stream up to and including the one that needed the refold. */
  fold(key: string, stream: readonly RecordedEvent[]): Doc;
}

/**
 * The document `key` of `projection` folded from `events` (in log order) as the engine folds
 * it: each event the projection handles and routes to `key`, from `init` (or folded again from
 * the events of its stream so far, for an event the projection `refold`s on). What the readers
 * use for documents they fold when read instead of storing them (a stream's record parts, a
 * suggestion's view).
 */
export const foldDocument = <Doc>(projection: Projection<Doc>, key: string, events: Iterable<RecordedEvent>): Doc => {
  let doc = projection.init(key);
  const seen: RecordedEvent[] = [];
  for (const event of events) {
    seen.push(event);
    if (!projection.handles.includes(event.type) || !projection.keysOf(event).includes(key)) continue;
    doc =
      projection.refold?.needed(event) === true
        ? projection.refold.fold(
            key,
            seen.filter((other) => other.streamId === event.streamId),
          )
        : projection.apply(doc, event);
  }
  return doc;
};

/** Any projection (documents of any shape). Methods are bivariant, so every `Projection<D>` fits. */
export type AnyProjection = Projection<unknown>;

/** A recorded event whose `type` narrows its `data` to the domain's schema type. */
export type RecordedDutyEvent = { [T in DutyEventType]: RecordedEvent<T, EventData<T>> }[DutyEventType];

/**
 * Views a recorded event as a domain event. The store holds only events validated on append,
 * so the projections trust it (no re-validation on the hot path); unknown types never reach
 * a projection, because the engine delivers only the types it `handles`.
 */
export const asDutyEvent = (event: RecordedEvent): RecordedDutyEvent => event as RecordedDutyEvent;
