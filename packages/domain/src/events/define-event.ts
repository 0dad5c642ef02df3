import type { z } from "zod";
import { streamIdOf, type StreamCategory } from "./streams.js";

/**
 * One event type, defined once: its name, the stream category that holds it, the zod schema of
 * its `data`, and what the ledger reads of every event — its stream, the time the fact occurred,
 * the timeline's line. The catalog (`catalog.ts`) derives the unions, maps and functions from
 * the list of definitions.
 */
export interface EventDefinition<T extends string = string, S extends StreamCategory | null = StreamCategory | null, Schema extends z.ZodType = z.ZodType> {
  readonly type: T;
  /** The stream category that holds it; `null` for the voiding, which any stream may hold. */
  readonly stream: S;
  readonly schema: Schema;
  /** The id of the stream the event belongs to (methods, so that a list of definitions type-checks). */
  streamId(data: z.output<Schema>): string;
  /** When the fact occurred: one of the data's own times. */
  occurredAt(data: z.output<Schema>): string;
  /** The timeline's bilingual line (Chinese / English), before clipping to `MAX_SUMMARY`. */
  summary(data: z.output<Schema>): string;
}

/** The `{type, data}` of a definition's events. */
export type EventOfDefinition<D extends EventDefinition> = { readonly type: D["type"]; readonly data: z.output<D["schema"]> };

export interface EventSpec<T extends string, S extends StreamCategory, Schema extends z.ZodType> {
  readonly type: T;
  readonly stream: S;
  readonly schema: Schema;
  /** The id of the entity, whose stream is `<stream>-<entityId>`. */
  readonly entityId: (data: z.output<Schema>) => string;
  readonly occurredAt: (data: z.output<Schema>) => string;
  readonly summary: (data: z.output<Schema>) => string;
}

/** Defines an event of one stream category; its stream is `streamIdOf[stream](entityId(data))`. */
export const defineEvent = <const T extends string, const S extends StreamCategory, Schema extends z.ZodType>(
  spec: EventSpec<T, S, Schema>,
): EventDefinition<T, S, Schema> => {
  const { entityId, occurredAt, summary, ...rest } = spec;
  const streamOf = streamIdOf[spec.stream];
  return { ...rest, streamId: (data) => streamOf(entityId(data)), occurredAt, summary };
};

/** A timeline line is at most this many characters (longer ones are cut with `…`). */
export const MAX_SUMMARY = 160;

export const clipSummary = (text: string): string => (text.length <= MAX_SUMMARY ? text : `${text.slice(0, MAX_SUMMARY - 1)}…`);
