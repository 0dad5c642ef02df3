import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { entityKeyIn } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * The registry of handling units (GET /v1/units): the names the ranking and the drill-downs
 * show instead of bare unit ids.
 *
 * One document per unit, keyed by unit id, keeps the unit's registrations and corrections
 * (as the deputy registry of `deputy-record`), each with its event id and position: the unit
 * counts while one registration does (the latest), with the corrections recorded after it
 * applied in order. Counting units are indexed `all` = `unit` (sort: unit id), so the list
 * of every unit is one index query.
 */
export const UNIT_REGISTRY = "unit-registry";

export interface UnitRegistrationPart {
  readonly eventId: string;
  readonly position: number;
  readonly name: string;
  readonly registeredAt: string;
}

export interface UnitCorrectionPart {
  readonly eventId: string;
  readonly position: number;
  /** The corrected name, or `null` when the correction left the name as it was. */
  readonly name: string | null;
  readonly correctedAt: string;
}

export interface UnitRegistryDoc {
  readonly unitId: string;
  readonly registrations: readonly UnitRegistrationPart[];
  readonly corrections: readonly UnitCorrectionPart[];
}

/** A unit as readers see it. */
export interface UnitEntry {
  readonly unitId: string;
  readonly name: string;
  readonly registeredAt: string;
  /** When the counting corrections last changed the unit; `null` when none. */
  readonly correctedAt: string | null;
}

export const initUnitRegistryDoc = (unitId: string): UnitRegistryDoc => ({ unitId, registrations: [], corrections: [] });


const applyToUnitRegistry = (doc: UnitRegistryDoc, recorded: RecordedEvent): UnitRegistryDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "UnitRegistered": {
      const part: UnitRegistrationPart = { eventId: recorded.id, position: recorded.position, name: event.data.name, registeredAt: event.data.registeredAt };
      return { ...doc, registrations: [...doc.registrations, part] };
    }
    case "UnitCorrected": {
      const part: UnitCorrectionPart = { eventId: recorded.id, position: recorded.position, name: event.data.name ?? null, correctedAt: event.data.correctedAt };
      return { ...doc, corrections: [...doc.corrections, part] };
    }
    default:
      return doc;
  }
};

/** The unit the document describes now, or `null` when no registration counts. */
export const unitEntryOf = (doc: UnitRegistryDoc): UnitEntry | null => {
  const registration = doc.registrations[doc.registrations.length - 1];
  if (registration === undefined) return null;
  let name = registration.name;
  let correctedAt: string | null = null;
  for (const correction of doc.corrections) {
    if (correction.position < registration.position) continue;
    if (correction.name !== null) name = correction.name;
    correctedAt = correction.correctedAt;
  }
  return { unitId: doc.unitId, name, registeredAt: registration.registeredAt, correctedAt };
};

/** The `all` index's single value. */
export const ALL_UNITS = "unit";

const indexesOfUnitRegistry = (doc: UnitRegistryDoc): IndexEntry[] =>
  doc.registrations.length === 0 ? [] : [{ name: "all", value: ALL_UNITS, sort: doc.unitId }];

export const unitRegistryEventTypes = ["UnitRegistered", "UnitCorrected"] as const;

/** Index: `all` (value `unit`, sort: unit id) on every unit with a counting registration. */
export const unitRegistryProjection: Projection<UnitRegistryDoc> = {
  name: UNIT_REGISTRY,
  version: 1,
  handles: unitRegistryEventTypes,
  keysOf: (recorded) => entityKeyIn(recorded, "unit"),
  init: initUnitRegistryDoc,
  apply: applyToUnitRegistry,
  indexesOf: indexesOfUnitRegistry,
};
