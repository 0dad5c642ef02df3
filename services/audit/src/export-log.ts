import { once } from "node:events";
import type { EventStore } from "@duty-ledger/event-store";
import { exportedEventLine } from "./exported-event.js";

/**
 * `exportLog`: the log, or a range of it, as NDJSON (one `ExportedEvent` per line, in global
 * order) written to `out`. Lines are gathered into chunks and written with backpressure: when
 * `out` asks to wait (`write` returns false), reading the store waits for `drain`. The export
 * stops at the head the log had when it started, so a busy ledger does not make it endless.
 */

export interface ExportRange {
  /** First position (inclusive). */
  readonly fromPosition?: number;
  /** Last position (inclusive). */
  readonly toPosition?: number;
  /** Only events recorded at or after this instant (ms since the epoch, `recordedAt`). */
  readonly fromTime?: number;
  /** Only events recorded at or before this instant. */
  readonly toTime?: number;
}

export interface ExportProgress {
  /** Events read from the store (written or not). */
  readonly read: number;
  readonly written: number;
  readonly position: number;
  readonly upTo: number;
}

export interface ExportLogOptions extends ExportRange {
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Call `onProgress` every this many events read (default 10,000) and at the end. */
  readonly progressEvery?: number;
  /** Bytes gathered before a write (default 256 KiB). */
  readonly chunkBytes?: number;
}

export interface ExportSummary {
  readonly events: number;
  readonly firstPosition: number | null;
  readonly lastPosition: number | null;
  /** The head of the log when the export started. */
  readonly head: number;
}

export type ExportSink = NodeJS.WritableStream;

const write = async (out: ExportSink, chunk: string): Promise<void> => {
  if (!out.write(chunk)) await once(out, "drain");
};

export const exportLog = async (store: EventStore, out: ExportSink, options: ExportLogOptions = {}): Promise<ExportSummary> => {
  const head = await store.headPosition();
  const upTo = Math.min(options.toPosition ?? head, head);
  const fromTime = options.fromTime ?? Number.NEGATIVE_INFINITY;
  const toTime = options.toTime ?? Number.POSITIVE_INFINITY;
  const byTime = options.fromTime !== undefined || options.toTime !== undefined;
  const every = Math.max(1, options.progressEvery ?? 10_000);
  const chunkBytes = Math.max(1, options.chunkBytes ?? 256 * 1024);

  let read = 0;
  let written = 0;
  let position = 0;
  let firstPosition: number | null = null;
  let lastPosition: number | null = null;
  let pending = "";
  const progress = (): void => options.onProgress?.({ read, written, position, upTo });

  if (upTo > 0 && (options.fromPosition ?? 0) <= upTo) {
    for await (const event of store.readAll(options.fromPosition === undefined ? {} : { fromPosition: options.fromPosition })) {
      if (event.position > upTo) break;
      read++;
      position = event.position;
      if (byTime) {
        const recorded = Date.parse(event.metadata.recordedAt);
        if (!(recorded >= fromTime && recorded <= toTime)) {
          if (read % every === 0) progress();
          continue;
        }
      }
      pending += exportedEventLine(event);
      written++;
      firstPosition ??= event.position;
      lastPosition = event.position;
      if (pending.length >= chunkBytes) {
        const chunk = pending;
        pending = "";
        await write(out, chunk);
      }
      if (read % every === 0) progress();
    }
  }
  if (pending.length > 0) await write(out, pending);
  progress();
  return { events: written, firstPosition, lastPosition, head };
};
