import { z } from "zod";
import { ValidationError, type FieldError } from "../errors.js";
import { activityEventDefinitions } from "./activity-events.js";
import { backfillEventDefinitions } from "./backfill-events.js";
import { contactEventDefinitions } from "./contact-events.js";
import { clipSummary, type EventDefinition } from "./define-event.js";
import { livelihoodEventDefinitions } from "./livelihood-events.js";
import { opinionEventDefinitions } from "./opinion-events.js";
import { personEventDefinitions } from "./person-events.js";
import { rankingEventDefinitions } from "./ranking-events.js";
import { registryEventDefinitions } from "./registry-events.js";
import { streamCategories, type StreamCategory } from "./streams.js";
import { suggestionEventDefinitions } from "./suggestion-events.js";
import { supervisionEventDefinitions } from "./supervision-events.js";
import { voidingEventDefinition } from "./voiding-events.js";

/**
 * Every event of duty-ledger, derived from one list of definitions (one `defineEvent` per
 * event type, in the family files): the types, the discriminated union `DutyEvent`, the
 * schemas, the parsers, each event's stream, time and timeline line.
 * Events are immutable facts, named in the past tense. Each `data` carries the id of its
 * entity and the time the fact occurred (named as in api-v1.md).
 */
export const eventDefinitions = [...registryEventDefinitions, ...contactEventDefinitions, ...suggestionEventDefinitions, ...supervisionEventDefinitions, ...backfillEventDefinitions, ...rankingEventDefinitions, ...personEventDefinitions, ...livelihoodEventDefinitions, ...opinionEventDefinitions, ...activityEventDefinitions, voidingEventDefinition] as const;

type Definition = (typeof eventDefinitions)[number];

export type DutyEventType = Definition["type"];
/** Event type -> schema of its `data`. */
export type EventSchemas = { readonly [D in Definition as D["type"]]: D["schema"] };
export type EventData<T extends DutyEventType> = z.output<EventSchemas[T]>;
export type DutyEvent = { [T in DutyEventType]: { readonly type: T; readonly data: EventData<T> } }[DutyEventType];
export type EventOf<T extends DutyEventType> = Extract<DutyEvent, { type: T }>;

/** The event types a stream category holds (its facts; any stream may also hold the voiding). */
export type StreamEventType<C extends StreamCategory> = Extract<Definition, { readonly stream: C }>["type"];
/** The events of one stream category: the facts it holds. */
export type StreamEvent<C extends StreamCategory> = EventOf<StreamEventType<C>>;
export type DeputyEvent = StreamEvent<"deputy">;
export type UnitEvent = StreamEvent<"unit">;
export type StationEvent = StreamEvent<"station">;
export type ContactEvent = StreamEvent<"contact">;
export type SuggestionEvent = StreamEvent<"suggestion">;
export type BackfillEvent = StreamEvent<"backfill">;
export type RankingEvent = StreamEvent<"ranking">;
export type PersonEvent = StreamEvent<"person">;
export type ProgrammeEvent = StreamEvent<"programme">;
export type ProjectEvent = StreamEvent<"project">;
export type ActivityEvent = StreamEvent<"activity">;

export const dutyEventTypes: DutyEventType[] = eventDefinitions.map((definition) => definition.type);

export const eventSchemas = Object.fromEntries(eventDefinitions.map((definition) => [definition.type, definition.schema])) as EventSchemas;

const definitionOf = Object.fromEntries(eventDefinitions.map((definition) => [definition.type, definition])) as unknown as Readonly<Record<DutyEventType, EventDefinition>>;

/** The event types each stream category holds, in the order of their definitions. */
export const streamEventTypes = Object.fromEntries(
  streamCategories.map((category) => [category, eventDefinitions.filter((definition) => definition.stream === category).map((definition) => definition.type)]),
) as unknown as { readonly [C in StreamCategory]: readonly StreamEventType<C>[] };

export const isDutyEventType = (type: string): type is DutyEventType => Object.hasOwn(eventSchemas, type);

// ---------------------------------------------------------------- the union schema

type VariantOf<D> = D extends Definition ? z.ZodObject<{ type: z.ZodLiteral<D["type"]>; data: D["schema"] }, z.core.$strict> : never;
type VariantsOf<Ds extends readonly unknown[]> = { -readonly [K in keyof Ds]: VariantOf<Ds[K]> };

const variantOf = (definition: Definition) => z.strictObject({ type: z.literal(definition.type), data: definition.schema });

/** The whole event `{type, data}` as one zod discriminated union. */
export const dutyEventSchema = z.discriminatedUnion("type", eventDefinitions.map(variantOf) as unknown as VariantsOf<typeof eventDefinitions>);

// ---------------------------------------------------------------- parsing

const fieldErrorsOf = (issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[], prefix: string): FieldError[] =>
  issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== "").join("."),
    message: issue.message,
  }));

export type ParseEventResult = { readonly success: true; readonly event: DutyEvent } | { readonly success: false; readonly error: ValidationError };

/** Validates an event's type and data; never throws. */
export const safeParseEvent = (type: string, data: unknown): ParseEventResult => {
  if (!isDutyEventType(type)) {
    return { success: false, error: new ValidationError(`unknown event type ${JSON.stringify(type)}`, { errors: [{ path: "type", message: "unknown event type" }] }) };
  }
  const result = eventSchemas[type].safeParse(data);
  if (!result.success) {
    return { success: false, error: new ValidationError(`invalid ${type} data`, { errors: fieldErrorsOf(result.error.issues, "data") }) };
  }
  return { success: true, event: { type, data: result.data } as DutyEvent };
};

/** Validates an event's type and data; throws `ValidationError` (code VALIDATION). */
export const parseEvent = (type: string, data: unknown): DutyEvent => {
  const result = safeParseEvent(type, data);
  if (!result.success) throw result.error;
  return result.event;
};

// ---------------------------------------------------------------- what every event tells

/** The stream an event belongs to, from its data. */
export const streamIdOfEvent = (event: DutyEvent): string => definitionOf[event.type].streamId(event.data);

/** The time the fact occurred, from the event's data. */
export const occurredAtOf = (event: DutyEvent): string => definitionOf[event.type].occurredAt(event.data);

/** The event's line in a deputy's timeline: Chinese / English, at most `MAX_SUMMARY` characters. */
export const summaryOf = (event: DutyEvent): string => clipSummary(definitionOf[event.type].summary(event.data));
