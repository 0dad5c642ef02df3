import { DEPUTY_RECORD, deputyRecordsOf, type DeputyRecord, type DeputyRecordDoc, type ReadModelStore } from "@duty-ledger/projections";

/** Documents given up in one transaction (a transaction per deputy was a tenth of building the records). */
const RELEASE_BATCH = 4096;

/**
 * The duty records of `deputyIds` (in that order) for `years`, built as the query side builds
 * them (`deputyRecordsOf` over the documents of the deputy's index query) from the replay's
 * memory store — which gives up each record document once the last deputy it concerns (among
 * `deputyIds`) was read: the records being built and the documents still to read then share the
 * memory the documents held alone (the province's replay held both, docs/performance.md,
 * "Audit"). Only for a store that is read once, then closed: what is left of `deputy-record`
 * afterwards is the documents of no deputy read. Yields each deputy's records, one per year
 * (`null` when not registered).
 */
export async function* consumeDeputyRecords(store: ReadModelStore, deputyIds: readonly string[], years: readonly number[]): AsyncGenerator<readonly (DeputyRecord | null)[]> {
  const byDeputy = (deputyId: string) => ({ name: "deputy", values: [deputyId] });
  // How many of the deputies still to read each document concerns.
  const readers = new Map<string, number>();
  for (const deputyId of deputyIds) for (const hit of await store.queryIndex(DEPUTY_RECORD, byDeputy(deputyId))) readers.set(hit.key, (readers.get(hit.key) ?? 0) + 1);
  let done: string[] = [];
  const release = async (): Promise<void> => {
    const keys = done;
    done = [];
    await store.transaction((writer) => {
      for (const key of keys) writer.delete(DEPUTY_RECORD, key);
    });
  };
  for (const deputyId of deputyIds) {
    const hits = await store.listByIndex<DeputyRecordDoc>(DEPUTY_RECORD, byDeputy(deputyId));
    yield deputyRecordsOf(
      deputyId,
      years,
      hits.map((hit) => hit.doc),
    );
    for (const { key } of hits) {
      const left = (readers.get(key) ?? 1) - 1;
      if (left > 0) {
        readers.set(key, left);
      } else {
        readers.delete(key);
        done.push(key);
      }
    }
    if (done.length >= RELEASE_BATCH) await release();
  }
  if (done.length > 0) await release();
}
