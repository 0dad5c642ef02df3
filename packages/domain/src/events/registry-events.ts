import { z } from "zod";
import { idSchema, isoDateTimeSchema, nameSchema } from "../primitives.js";
import { deputyLevelLabels, labelOf } from "../vocabulary.js";
import { defineEvent } from "./define-event.js";
import { deputyLevelSchema, reasonSchema, termSchema } from "./event-fields.js";

/**
 * The registries' events: deputies (`deputy-<id>`), handling units (`unit-<id>`) and liaison
 * stations (`station-<id>`). `registeredAt` / `correctedAt` are the server's clock.
 */

export const deputyRegisteredSchema = z.strictObject({
  deputyId: idSchema,
  name: nameSchema,
  level: deputyLevelSchema,
  term: termSchema,
  constituency: nameSchema,
  stationId: idSchema.optional(),
  registeredAt: isoDateTimeSchema,
});

/** A correction of a registry entry: only the fields given change; `stationId: null` clears it. */
export const deputyCorrectedSchema = z.strictObject({
  deputyId: idSchema,
  name: nameSchema.optional(),
  level: deputyLevelSchema.optional(),
  term: termSchema.optional(),
  constituency: nameSchema.optional(),
  stationId: idSchema.nullable().optional(),
  reason: reasonSchema,
  correctedAt: isoDateTimeSchema,
});

export const unitRegisteredSchema = z.strictObject({
  unitId: idSchema,
  name: nameSchema,
  registeredAt: isoDateTimeSchema,
});

export const unitCorrectedSchema = z.strictObject({
  unitId: idSchema,
  name: nameSchema.optional(),
  reason: reasonSchema,
  correctedAt: isoDateTimeSchema,
});

export const stationRegisteredSchema = z.strictObject({
  stationId: idSchema,
  name: nameSchema,
  region: nameSchema,
  registeredAt: isoDateTimeSchema,
});

export const stationCorrectedSchema = z.strictObject({
  stationId: idSchema,
  name: nameSchema.optional(),
  region: nameSchema.optional(),
  reason: reasonSchema,
  correctedAt: isoDateTimeSchema,
});

export const registryEventDefinitions = [
  defineEvent({
    type: "DeputyRegistered",
    stream: "deputy",
    schema: deputyRegisteredSchema,
    entityId: (d) => d.deputyId,
    occurredAt: (d) => d.registeredAt,
    summary: (d) => `登记为${labelOf(deputyLevelLabels, d.level)}人大代表（${d.term}） / Registered as a ${d.level} deputy`,
  }),
  defineEvent({
    type: "DeputyCorrected",
    stream: "deputy",
    schema: deputyCorrectedSchema,
    entityId: (d) => d.deputyId,
    occurredAt: (d) => d.correctedAt,
    summary: (d) => `代表信息更正：${d.reason} / Registry entry corrected`,
  }),
  defineEvent({
    type: "UnitRegistered",
    stream: "unit",
    schema: unitRegisteredSchema,
    entityId: (d) => d.unitId,
    occurredAt: (d) => d.registeredAt,
    summary: (d) => `承办单位登记：${d.name} / Unit registered`,
  }),
  defineEvent({
    type: "UnitCorrected",
    stream: "unit",
    schema: unitCorrectedSchema,
    entityId: (d) => d.unitId,
    occurredAt: (d) => d.correctedAt,
    summary: () => `承办单位信息更正 / Unit corrected`,
  }),
  defineEvent({
    type: "StationRegistered",
    stream: "station",
    schema: stationRegisteredSchema,
    entityId: (d) => d.stationId,
    occurredAt: (d) => d.registeredAt,
    summary: (d) => `联络站登记：${d.name} / Station registered`,
  }),
  defineEvent({
    type: "StationCorrected",
    stream: "station",
    schema: stationCorrectedSchema,
    entityId: (d) => d.stationId,
    occurredAt: (d) => d.correctedAt,
    summary: () => `联络站信息更正 / Station corrected`,
  }),
] as const;
