import type { RecordedEvent } from "@duty-ledger/event-store";
import type { AnyProjection, Projection } from "./projection.js";
import type { IndexEntry } from "./read-model-store.js";

/** The parts of a combined projection, by the name their documents take in its document. */
export type ProjectionParts = Readonly<Record<string, AnyProjection>>;

/** A combined projection's document: each part's document under the part's name. */
export type CombinedDoc<Parts extends ProjectionParts> = {
  readonly [Part in keyof Parts]: Parts[Part] extends Projection<infer Doc> ? Doc : never;
};

/**
 * One stored projection made of parts that key their documents alike: one document per key
 * holding each part's document, so the engine routes, looks up, caches and writes it once per
 * event instead of once per part. The parts stay projections of their own (their specs, their
 * folds when read); the combination is how they are stored.
 *
 * What the parts must share: an event a part routes goes to the same keys in every part that
 * routes it (the parts key by the same entity, so their documents are folds of the same stream).
 * A voiding reaches each part's `noteVoiding`.
 *
 * - `handles`: every type a part handles; an event reaches a part only if the part handles its
 *   type and routes it (`keysOf` not empty);
 * - `apply` returns the document itself when no part changed;
 * - `indexesOf`: the parts' entries, in the order of the parts, each entry once (parts may index
 *   the document under the same values).
 *
 * Bump `version` whenever a part's version changes.
 */
export const combineProjections = <Parts extends ProjectionParts>(name: string, version: number, parts: Parts): Projection<CombinedDoc<Parts>> => {
  type Doc = CombinedDoc<Parts>;
  const list = Object.entries(parts).map(([part, projection]) => ({ part, projection, handles: new Set(projection.handles) }));
  const routes = (entry: (typeof list)[number], event: RecordedEvent): boolean => entry.handles.has(event.type) && entry.projection.keysOf(event).length > 0;
  const partsOf = (doc: Doc): Readonly<Record<string, unknown>> => doc;

  const noting = list.filter((entry) => entry.projection.noteVoiding !== undefined);

  return {
    name,
    version,
    handles: [...new Set(list.flatMap((entry) => entry.projection.handles))],
    keysOf: (event) => {
      for (const entry of list) {
        if (!entry.handles.has(event.type)) continue;
        const keys = entry.projection.keysOf(event);
        if (keys.length > 0) return keys;
      }
      return [];
    },
    init: (key) => Object.fromEntries(list.map(({ part, projection }) => [part, projection.init(key)])) as Doc,
    apply: (doc, event) => {
      let next: Record<string, unknown> | undefined;
      for (const entry of list) {
        if (!routes(entry, event)) continue;
        const before = partsOf(doc)[entry.part];
        const after = entry.projection.apply(before, event);
        if (after !== before) (next ??= { ...partsOf(doc) })[entry.part] = after;
      }
      return next === undefined ? doc : (next as Doc);
    },
    indexesOf: (doc, key) => {
      const entries: IndexEntry[] = [];
      const seen = new Set<string>();
      for (const { part, projection } of list) {
        for (const entry of projection.indexesOf?.(partsOf(doc)[part], key) ?? []) {
          const id = `${entry.name}\u0000${entry.value}\u0000${String(entry.sort ?? 0)}`;
          if (seen.has(id)) continue;
          seen.add(id);
          entries.push(entry);
        }
      }
      return entries;
    },
    ...(noting.length === 0
      ? {}
      : {
          noteVoiding: (doc: Doc, note, voided) => {
            const next: Record<string, unknown> = { ...partsOf(doc) };
            for (const { part, projection } of noting) next[part] = projection.noteVoiding?.(next[part], note, voided);
            return next as Doc;
          },
        }),
  };
};
