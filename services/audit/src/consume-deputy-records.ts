import { DEPUTY_RECORD, type DeputyRecord, type ReadModels, type ReadModelStore } from "@duty-ledger/projections";

/**
 * The duty records of `deputyIds` (in that order) for `years`, read by the query side's reader
 * (`getDeputyRecords`) from the replay's memory store — which gives up each record document
 * once the last deputy it concerns (among `deputyIds`) was read: the records being built and
 * the documents still to read then share the memory the documents held alone (the province's
 * replay held both, docs/performance.md, "Audit"). Only for a store that is read once, then
 * closed: what is left of `deputy-record` afterwards is the documents of no deputy read.
 * Yields each deputy's records, one per year (`null` when not registered).
 */
export async function* consumeDeputyRecords(
  store: ReadModelStore,
  readModels: ReadModels,
  deputyIds: readonly string[],
  years: readonly number[],
): AsyncGenerator<readonly (DeputyRecord | null)[]> {
  const keysOf = async (deputyId: string): Promise<string[]> =>
    (await store.queryIndex(DEPUTY_RECORD, { name: "deputy", values: [deputyId] })).map((hit) => hit.key);
  // How many of the deputies still to read each document concerns.
  const readers = new Map<string, number>();
  for (const deputyId of deputyIds) for (const key of await keysOf(deputyId)) readers.set(key, (readers.get(key) ?? 0) + 1);
  for (const deputyId of deputyIds) {
    const keys = await keysOf(deputyId);
    yield await readModels.getDeputyRecords(deputyId, years);
    const done: string[] = [];
    for (const key of keys) {
      const left = (readers.get(key) ?? 1) - 1;
      if (left > 0) {
        readers.set(key, left);
      } else {
        readers.delete(key);
        done.push(key);
      }
    }
    if (done.length > 0) {
      await store.transaction((writer) => {
        for (const key of done) writer.delete(DEPUTY_RECORD, key);
      });
    }
  }
}
