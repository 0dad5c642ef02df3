import { Observable } from "rxjs";
import pg from "pg";
import { createCanonicalEncoder } from "./canonical-json.js";
import { StoreClosedError } from "./errors.js";
import { encodeNewEvents } from "./event-encoding.js";
import type { AppendResult, EventStore, RecordedEvent } from "./event-store.js";
import { createSilentLogger, type EventStoreLogger } from "./logger.js";
import { maskConnectionString } from "./pg-connection-string.js";
import { createPgAppendQueue } from "./pg-append-queue.js";
import { handedHashes } from "./pg-append-result.js";
import { importInTransaction } from "./pg-import.js";
import { createPgNotifier } from "./pg-notifier.js";
import { createPgMerkleTree } from "./pg-merkle-tree.js";
import { createPgReads } from "./pg-reads.js";
import { PG_TYPES } from "./pg-rows.js";
import { migratePgSchema } from "./pg-schema.js";
import { pgSubscription, type PgStoreSubscription } from "./pg-subscription.js";
import { createPgTreeIntegrator } from "./pg-tree-integrator.js";
import { pgTransparencyLog } from "./pg-transparency-log.js";

/**
 * The PostgreSQL event store: a pool of connections to one database (schema in pg-schema.ts,
 * created on first open), appends in group transactions (pg-append-queue.ts, pg-append.ts:
 * the appends waiting while the group before them ran share one; positions from a counter row
 * locked until commit, so they are dense and visible in order to every reader of every
 * process), reads and subscriptions paged by position (pg-reads.ts, pg-subscription.ts), the
 * RFC 9162 Merkle tree kept in the background (pg-tree-integrator.ts), subscriptions woken by
 * other processes' commits through LISTEN/NOTIFY (pg-notifier.ts). Any number of processes
 * may open the same database.
 */

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly connectionString: string;
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
  readonly logger?: EventStoreLogger;
  /** How often subscriptions look for commits (ms), beneath the notifications of pg-notifier.ts. Default 100; 0: only commits wake them. */
  readonly pollIntervalMs?: number;
  /** Rows per page for reads and subscription catch-up. Default 2000. */
  readonly pageSize?: number;
  /** The store's clock for `recordedAt`. Default: the system clock. */
  readonly now?: () => Date;
  /** Keep the Merkle tree. Default true; `false` for measuring what it costs (the tree catches up when a store keeping it next integrates). */
  readonly keepMerkleTree?: boolean;
}

export function createPostgresEventStore(options: PostgresEventStoreOptions): EventStore {
  const logger = options.logger ?? createSilentLogger();
  const name = `postgres:${maskConnectionString(options.connectionString)}`;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, types: PG_TYPES });
  pool.on("error", (error) => logger.warn({ err: error }, "event store: an idle PostgreSQL connection failed"));
  const pageSize = Math.max(1, options.pageSize ?? 2000);
  const now = options.now ?? (() => new Date());
  const encoder = createCanonicalEncoder({ maxShapes: 4096 });

  let closed = false;
  const opened: Promise<void> = (async () => {
    const client = await pool.connect();
    try {
      const version = await migratePgSchema(client);
      logger.info({ store: name, schemaVersion: version }, "event store: PostgreSQL opened");
    } finally {
      client.release();
    }
  })();
  opened.catch(() => undefined); // reported by the calls that wait for it
  const ready = async (): Promise<void> => {
    if (closed) throw new StoreClosedError(name);
    await opened;
  };

  const subscriptions = new Set<PgStoreSubscription>();
  const tree = createPgMerkleTree(pool);
  const integrator = createPgTreeIntegrator(tree, logger);
  const keepTree = options.keepMerkleTree ?? true;
  const wakeSubscriptions = (): void => {
    for (const subscription of subscriptions) subscription.wake();
  };
  const committed = (results: readonly AppendResult[] = []): void => {
    wakeSubscriptions();
    if (!keepTree) return;
    handedHashes(results, tree.hand);
    integrator.wake();
  };
  const notifier = createPgNotifier(options.connectionString, logger, wakeSubscriptions);

  const appendQueue = createPgAppendQueue(pool, now, committed);
  const append = async (streamId: string, events: Parameters<EventStore["append"]>[1], appendOptions: Parameters<EventStore["append"]>[2] = {}): Promise<AppendResult> => {
    await ready();
    return appendQueue.append(streamId, encodeNewEvents(streamId, events, encoder), appendOptions.expectedRevision ?? "any");
  };

  const reads = createPgReads({ pool, pageSize, ready });
  const store: EventStore = {
    name,
    capabilities: { densePositions: true },
    ...(keepTree ? { transparencyLog: pgTransparencyLog({ pool, tree, integrator, ready }) } : {}),
    append,
    ...reads,
    subscribe: (subscribeOptions = {}): Observable<RecordedEvent> => {
      if (closed) return new Observable<RecordedEvent>((subscriber) => subscriber.error(new StoreClosedError(name)));
      notifier.listen();
      return pgSubscription({ pool, pageSize, pollIntervalMs: options.pollIntervalMs ?? 100, ready, closedError: () => new StoreClosedError(name), subscriptions }, subscribeOptions);
    },
    importRecorded: async (events) => {
      await ready();
      const client = await pool.connect();
      try {
        const result = await importInTransaction(client, encoder, events);
        if (events.length > 0) committed();
        return result;
      } finally {
        client.release();
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const subscription of [...subscriptions]) subscription.complete();
      subscriptions.clear();
      await opened.catch(() => undefined);
      if (keepTree) await integrator.stop();
      await notifier.close();
      await pool.end();
      logger.info({ store: name }, "event store: PostgreSQL closed");
    },
  };
  return store;
}
