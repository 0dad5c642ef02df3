import { DomainRuleError, streamIdOf, type FieldError } from "@duty-ledger/domain";
import type { EventStore } from "@duty-ledger/event-store";

/** Registries a command may refer to. */
export type RegistryKind = "deputy" | "unit" | "station";

export interface Reference {
  readonly kind: RegistryKind;
  readonly id: string;
  /** The body field that names it, e.g. `coSignerIds.2`. */
  readonly path: string;
}

/**
 * The cross-stream checks the deciders leave to the shell: every deputy, unit or station a
 * command names must be registered. Refuses with 422 naming each unknown id's field.
 */
export const requireRegistered = async (store: EventStore, references: readonly Reference[]): Promise<void> => {
  const checks = await Promise.all(
    references.map(async (reference) => ({
      reference,
      exists: (await store.streamRevision(streamIdOf[reference.kind](reference.id))) !== null,
    })),
  );
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
