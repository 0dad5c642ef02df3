import { createInterface } from "node:readline";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import { ExportLineError, parseExportedEvent } from "./exported-event.js";
import { createSealHasher, formatSeal } from "./seal.js";

/**
 * `importLog`: an NDJSON export back into an (empty) store, through the port's
 * `importRecorded`, which appends each event verbatim — data, metadata, `recordedAt`, hashes —
 * and refuses any event that does not continue its stream's hash chain. Events go in batches,
 * in the order of the file (the source's global order), so the new store has the same global
 * order, hence the same seal; only the positions are its own.
 */

export interface ImportProgress {
  readonly events: number;
  readonly line: number;
}

export interface ImportLogOptions {
  /** Import into a store that already holds events (default: refuse). */
  readonly allowNonEmpty?: boolean;
  /** Events per `importRecorded` call (one transaction on SQLite). Default 2000. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportSummary {
  readonly events: number;
  /** The store's head after the import. */
  readonly position: number;
  /** The seal of the imported events, in the order imported. */
  readonly seal: string;
}

/** Refused: the target store already holds events. */
export class TargetNotEmptyError extends Error {
  readonly code = "TARGET_NOT_EMPTY";
  constructor(readonly headPosition: number) {
    super(`the target store already holds events (head position ${headPosition}); import needs an empty store`);
  }
}

export const isTargetNotEmptyError = (error: unknown): error is TargetNotEmptyError =>
  error instanceof Error && (error as { code?: unknown }).code === "TARGET_NOT_EMPTY";

export const importLog = async (
  store: EventStore,
  input: NodeJS.ReadableStream,
  options: ImportLogOptions = {},
): Promise<ImportSummary> => {
  const head = await store.headPosition();
  if (head > 0 && options.allowNonEmpty !== true) throw new TargetNotEmptyError(head);
  const batchSize = Math.max(1, options.batchSize ?? 2000);
  const hasher = createSealHasher();
  let batch: RecordedEvent[] = [];
  let position = head;
  let line = 0;
  let lastSourcePosition = Number.NEGATIVE_INFINITY;

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    position = (await store.importRecorded(events)).position;
    options.onProgress?.({ events: hasher.events, line });
  };

  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    const event = parseExportedEvent(text, line);
    if (event.position <= lastSourcePosition) {
      throw new ExportLineError(line, `position ${event.position} comes after ${lastSourcePosition}: the file is not in the log's order`);
    }
    lastSourcePosition = event.position;
    batch.push(event);
    hasher.add(event.metadata.hash);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { events: hasher.events, position, seal: formatSeal(hasher.seal()) };
};
