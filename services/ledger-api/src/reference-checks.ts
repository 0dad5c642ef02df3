import { deciders, DomainRuleError, foldStream, streamIdOf, type AnyDecider, type FieldError } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";

/** Registries a command may refer to. */
export type RegistryKind = "deputy" | "unit" | "station";

export interface Reference {
  readonly kind: RegistryKind;
  readonly id: string;
  /** The body field that names it, e.g. `coSignerIds.2`. */
  readonly path: string;
}

/** Whether the registry's stream holds a registration that still counts (its fold, voidings applied). */
const counts = async (store: EventStore, reference: Reference): Promise<boolean> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamIdOf[reference.kind](reference.id))) events.push(event);
  if (events.length === 0) return false;
  const decider: AnyDecider = deciders[reference.kind];
  return (foldStream(decider, events, { validate: false }) as { readonly status: string }).status === "registered";
};

/**
 * The cross-stream checks the deciders leave to the shell: every deputy, unit or station a
 * command names must be registered, by a registration that still counts (a voided one does
 * not). Refuses with 422 naming each unknown id's field.
 */
export const requireRegistered = async (store: EventStore, references: readonly Reference[]): Promise<void> => {
  const checks = await Promise.all(references.map(async (reference) => ({ reference, exists: await counts(store, reference) })));
  const errors: FieldError[] = checks
    .filter((check) => !check.exists)
    .map(({ reference }) => ({ path: reference.path, message: `unknown ${reference.kind} ${reference.id}` }));
  if (errors.length > 0) {
    throw new DomainRuleError(errors.map((error) => error.message).join("; "), { errors });
  }
};

/** References for a list field, e.g. `deputyIds`. */
export const listReferences = (kind: RegistryKind, field: string, ids: readonly string[]): Reference[] =>
  ids.map((id, index) => ({ kind, id, path: `${field}.${index}` }));
