import { dutyEventTypes, occurredAtOf, shanghaiYearOf } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, createProjectionEngine, type AnyProjection, type ProjectionLogger, type ReadModelStore } from "@duty-ledger/projections";
import { periodOf } from "@duty-ledger/scoring";
import { logPrefix, type LogCut } from "./log-prefix.js";

/** What the fold saw of the log besides the documents: what the replay's answers range over. */
export interface FoldedPrefix {
  /** Events folded, and the position and recording time of the last. */
  readonly events: number;
  readonly position: number;
  readonly lastRecordedAt: string | undefined;
  /** Every deputy registered, every Shanghai year in which an event occurred, every period with an assignment. */
  readonly deputies: ReadonlySet<string>;
  readonly years: ReadonlySet<number>;
  readonly periods: ReadonlySet<string>;
}

export interface FoldPrefixOptions {
  readonly projections: readonly AnyProjection[];
  /** The engine's `catchUpCachedDocs`. */
  readonly cachedDocuments: number;
  readonly onEvent?: (events: number, position: number) => void;
}

const domainTypes: ReadonlySet<string> = new Set(dutyEventTypes);

/**
 * The Shanghai calendar year of an ISO time: read from the text when its month is February to
 * November (no offset moves such a time into another year), else `shanghaiYearOf` — one
 * `Date.parse` per event was a few per cent of the replay.
 */
export const yearOfIso = (iso: string): number => {
  const month = iso.slice(5, 7);
  return month > "01" && month < "12" && iso.charCodeAt(4) === 45 /* - */ ? Number(iso.slice(0, 4)) : shanghaiYearOf(iso);
};

const quiet: ProjectionLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * Runs the projector's engine over the log up to `cut` (`logPrefix`) into `readModels`, and
 * notes on the way what the answers range over. The engine, and the documents it cached, are
 * let go when this returns: only the store keeps the documents.
 */
export const foldLogPrefix = async (store: EventStore, readModels: ReadModelStore, cut: LogCut, options: FoldPrefixOptions): Promise<FoldedPrefix> => {
  const deputies = new Set<string>();
  const years = new Set<number>();
  const periods = new Set<string>();
  let events = 0;
  let position = 0;
  let lastRecordedAt: string | undefined;
  const count = (event: RecordedEvent): void => {
    events++;
    position = event.position;
    lastRecordedAt = event.metadata.recordedAt;
    options.onEvent?.(events, position);
    if (!domainTypes.has(event.type)) return;
    const duty = asDutyEvent(event);
    years.add(yearOfIso(occurredAtOf(duty)));
    if (duty.type === "DeputyRegistered") deputies.add(duty.data.deputyId);
    else if (duty.type === "SuggestionAssigned") periods.add(periodOf(duty.data.assignedAt));
  };

  const engine = createProjectionEngine({
    store: logPrefix(store, cut, count),
    readModels,
    projections: options.projections,
    logger: quiet,
    catchUpCachedDocs: Math.max(1, options.cachedDocuments),
  });
  await engine.start();
  try {
    if (!(await engine.waitFor(cut.upTo, 2 ** 31 - 1))) throw new Error(`the replay stopped before position ${cut.upTo}: ${engine.status().error ?? "stopped"}`);
  } finally {
    await engine.stop();
  }
  return { events, position, lastRecordedAt, deputies, years, periods };
};
