import { foldDocument } from "./projection.js";
// Helpers of the engine's integration tests (excluded from the build).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteEventStore, type RecordedEvent, type SqliteEventStore } from "@duty-ledger/event-store";
import { foldProjection } from "@duty-ledger/testing";
import type { ProjectionLogger } from "./projection-engine.js";
import type { AnyProjection } from "./projection.js";
import type { ReadModelSnapshot } from "./sqlite-read-model-store.js";

export const tempDir = (prefix: string): { dir: string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

export const openEventStore = (dir: string): SqliteEventStore =>
  createSqliteEventStore({ path: join(dir, "events.sqlite"), durability: "normal", pollIntervalMs: 20 });

export const readAllEvents = async (store: SqliteEventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

export interface LogLine {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly object: object;
  readonly message: string | undefined;
}

/** A logger that keeps what it is told (and prints errors when `LOG_TESTS` is set). */
export const capturingLogger = (): ProjectionLogger & { readonly lines: LogLine[] } => {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine["level"]) =>
    (object: object, message?: string): void => {
      lines.push({ level, object, message });
      if (process.env["LOG_TESTS"] !== undefined) console.log(level, message, object);
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
};

/** The read-model rows a set of projections must hold after `events`: a pure fold, indexes from `indexesOf`. */
export const expectedSnapshot = (projections: readonly AnyProjection[], events: readonly RecordedEvent[]): Omit<ReadModelSnapshot, "checkpoints"> => {
  const docs: { projection: string; key: string; doc: unknown }[] = [];
  const index: ReadModelSnapshot["index"][number][] = [];
  for (const projection of projections) {
    for (const [key, doc] of foldProjection(projection, events, foldDocument)) {
      docs.push({ projection: projection.name, key, doc });
      const seen = new Set<string>();
      for (const entry of projection.indexesOf?.(doc, key) ?? []) {
        const row = { projection: projection.name, name: entry.name, value: entry.value, sort: entry.sort ?? 0, key };
        const id = JSON.stringify(row);
        if (!seen.has(id)) index.push(row);
        seen.add(id);
      }
    }
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  docs.sort((a, b) => cmp(a.projection, b.projection) || cmp(a.key, b.key));
  index.sort(
    (a, b) =>
      cmp(a.projection, b.projection) ||
      cmp(a.name, b.name) ||
      cmp(a.value, b.value) ||
      (typeof a.sort === typeof b.sort ? (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0) : typeof a.sort === "number" ? -1 : 1) ||
      cmp(a.key, b.key),
  );
  return { docs, index };
};
