/**
 * The events of duty-ledger. Each event type is defined once, by `defineEvent` in its family's
 * file under `events/` (schema, stream, time, timeline line); `events/catalog.ts` derives the
 * rest. This module gathers them (and keeps the `./events.js` import path).
 */
export * from "./vocabulary.js";
export * from "./events/event-fields.js";
export * from "./events/streams.js";
export { MAX_SUMMARY, type EventDefinition, type EventOfDefinition } from "./events/define-event.js";
export * from "./events/registry-events.js";
export * from "./events/contact-events.js";
export * from "./events/suggestion-events.js";
export * from "./events/supervision-events.js";
export * from "./events/backfill-events.js";
export * from "./events/ranking-events.js";
export * from "./events/person-events.js";
export * from "./events/livelihood-events.js";
export * from "./events/opinion-events.js";
export * from "./events/activity-events.js";
export * from "./events/voiding-events.js";
export * from "./events/catalog.js";
export type * from "./events/event-types.js";
