import type { Subscription } from "rxjs";
import type { ExpectedRevision, NewEvent } from "../src/index.js";
import type { AppendDriver, Durability, ReadDriver } from "./bench-driver.js";
import type { AppendStep, Lane } from "./bench-events.js";

/**
 * The subject: this package's SQLite adapter (`createSqliteEventStore`), driven through the
 * `EventStore` port. It is loaded when the bench starts; if the module cannot be loaded the
 * store's rows are reported as pending with the reason, and the other subjects still run.
 */

type StoreModule = typeof import("../src/index.js");
export type CreateSqliteEventStore = StoreModule["createSqliteEventStore"];

export type StoreLoad = { readonly ok: true; readonly create: CreateSqliteEventStore } | { readonly ok: false; readonly reason: string };

export async function loadSqliteStore(): Promise<StoreLoad> {
  try {
    const loaded: Partial<StoreModule> = await import("../src/index.js");
    if (typeof loaded.createSqliteEventStore !== "function") {
      return { ok: false, reason: "the SQLite adapter (createSqliteEventStore) is not exported yet" };
    }
    return { ok: true, create: loaded.createSqliteEventStore };
  } catch (error) {
    return { ok: false, reason: `the SQLite adapter failed to load: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const expectedOf = (step: AppendStep): ExpectedRevision => (step.expectedRevision < 0 ? "no_stream" : step.expectedRevision);

async function appendAll(store: ReturnType<CreateSqliteEventStore>, lanes: readonly Lane[]): Promise<void> {
  for (const lane of lanes) {
    for (const step of lane) {
      await store.append(step.streamId, step.events as readonly NewEvent[], { expectedRevision: expectedOf(step) });
    }
  }
}

/** The store on a fresh file; timing starts once its background thread runs, as in a store that has been up for a while. */
export async function openStoreAppendDriver(create: CreateSqliteEventStore, path: string, durability: Durability, keepMerkleTree = true): Promise<AppendDriver> {
  const store = create({ path, durability, keepMerkleTree });
  await store.whenStarted();
  return {
    append: async (step) => {
      await store.append(step.streamId, step.events as readonly NewEvent[], { expectedRevision: expectedOf(step) });
    },
    close: () => store.close(),
  };
}

export async function openStoreReadDriver(create: CreateSqliteEventStore, path: string, lanes: readonly Lane[]): Promise<ReadDriver> {
  const store = create({ path, durability: "normal" });
  await appendAll(store, lanes);
  return {
    readAll: async () => {
      let count = 0;
      for await (const event of store.readAll()) if (event.data !== null) count += 1;
      return count;
    },
    catchUp: (count) =>
      new Promise<number>((resolve, reject) => {
        let seen = 0;
        let subscription: Subscription | undefined;
        let done = false;
        const finish = (): void => {
          done = true;
          subscription?.unsubscribe();
          resolve(seen);
        };
        subscription = store.subscribe().subscribe({
          next: (event) => {
            if (event.data !== null) seen += 1;
            if (seen >= count && !done) finish();
          },
          error: reject,
          complete: () => resolve(seen),
        });
        if (done) subscription.unsubscribe();
      }),
    close: () => store.close(),
  };
}
