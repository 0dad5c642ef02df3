import { streamIdOf } from "@duty-ledger/domain";
import { deputyProfileOf } from "./deputy-record.js";
import { DEPUTY_RECORD, type DeputyRecordDoc } from "./deputy-record-projection.js";
import { OPINIONS, type OpinionsDoc } from "./opinions-projection.js";
import type { ReadModelStore } from "./read-model-store.js";
import type { DeputyListEntry, StationListEntry } from "./registry-readers.js";
import { UNIT_REGISTRY, unitEntryOf, type UnitEntry, type UnitRegistryDoc } from "./unit-registry-projection.js";

/**
 * One registry entry by its id (part of `createReadModels`): who a token names, by name
 * (`GET /v1/me`). One document read each; `null` when not registered.
 */
export interface EntryReaders {
  getDeputyEntry(deputyId: string): Promise<DeputyListEntry | null>;
  getUnitEntry(unitId: string): Promise<UnitEntry | null>;
  getStationEntry(stationId: string): Promise<StationListEntry | null>;
}

export const entryReaders = (store: ReadModelStore): EntryReaders => ({
  getDeputyEntry: async (deputyId) => {
    const doc = await store.get<DeputyRecordDoc>(DEPUTY_RECORD, streamIdOf.deputy(deputyId));
    const profile = doc?.kind === "deputy" ? deputyProfileOf(doc) : null;
    if (profile === null) return null;
    const { name, level, term, constituency, stationId, registeredAt } = profile;
    return { deputyId: profile.deputyId, name, level, term, constituency, stationId, registeredAt };
  },

  getUnitEntry: async (unitId) => {
    const doc = await store.get<UnitRegistryDoc>(UNIT_REGISTRY, unitId);
    return doc === undefined ? null : unitEntryOf(doc);
  },

  getStationEntry: async (stationId) => {
    const doc = await store.get<OpinionsDoc>(OPINIONS, streamIdOf.station(stationId));
    if (doc === undefined || doc.kind !== "station" || !doc.registered) return null;
    return { stationId: doc.stationId, name: doc.name ?? doc.stationId, region: doc.region ?? "" };
  },
});
