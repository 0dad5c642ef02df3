import type { EventMetadata, RecordedEvent } from "@duty-ledger/event-store";
import { z } from "zod";

/**
 * One event of the log as the auditor sees it: in an NDJSON export (one per line) and in
 * `GET /v1/audit/events`. Everything the store holds, in a fixed key order: the global
 * `position`, the stream and revision, the id and type, the data, the metadata as stored
 * (actor, correlation and causation ids, `recordedAt`, `prevHash`, `hash`), and `hash`
 * repeated at the top so that `jq -r .hash` lists the chain.
 */
export interface ExportedEvent {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly hash: string;
}

export const toExportedEvent = (event: RecordedEvent): ExportedEvent => ({
  position: event.position,
  streamId: event.streamId,
  revision: event.revision,
  id: event.id,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
  hash: event.metadata.hash,
});

/** One NDJSON line (with its newline). */
export const exportedEventLine = (event: RecordedEvent): string => `${JSON.stringify(toExportedEvent(event))}\n`;

// Metadata and actor keep unknown keys: every key of the stored metadata is hashed, so
// dropping one would make a faithful copy fail its own hash.
const actorSchema = z.looseObject({ id: z.string(), role: z.string() });
const metadataSchema = z.looseObject({
  actor: actorSchema,
  correlationId: z.string().optional(),
  causationId: z.string().optional(),
  recordedAt: z.string(),
  prevHash: z.string().nullable(),
  hash: z.string(),
});

const exportedEventSchema = z.object({
  position: z.number().int().min(0),
  streamId: z.string().min(1),
  revision: z.number().int().min(0),
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.unknown(),
  metadata: metadataSchema,
  hash: z.string().optional(),
});

/** A line of an export that is not an exported event. */
export class ExportLineError extends Error {
  readonly code = "EXPORT_LINE";
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export const isExportLineError = (error: unknown): error is ExportLineError =>
  error instanceof Error && (error as { code?: unknown }).code === "EXPORT_LINE";

/** Parses one NDJSON line back into a recorded event (its `position` is the source store's). */
export const parseExportedEvent = (text: string, line: number): RecordedEvent => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ExportLineError(line, `not JSON (${(error as Error).message})`);
  }
  const parsed = exportedEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ExportLineError(line, `not an exported event: ${issue === undefined ? "invalid" : `${issue.path.join(".") || "(root)"} ${issue.message}`}`);
  }
  const { hash, data, ...event } = parsed.data;
  if (hash !== undefined && hash !== event.metadata.hash) {
    throw new ExportLineError(line, `hash ${hash} differs from metadata.hash ${event.metadata.hash}`);
  }
  return { ...event, data, metadata: event.metadata as EventMetadata };
};
