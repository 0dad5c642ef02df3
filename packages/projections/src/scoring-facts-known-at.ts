import { factLists, type FactList, type FactLists, type ScoringFactsDoc, type VoidedFact } from "./scoring-facts-projection.js";

/**
 * A suggestion's scoring facts as the ledger knew them at `knownAtMs` (trust.md, "Known-at"):
 * only the facts whose events were recorded (`metadata.recordedAt`) at or before it, and among
 * the voided ones those whose voiding was recorded after it (then they still counted). Each list
 * in log order, as the fold of the log cut at `knownAt` holds it: `factsOf` of the result is
 * what a replay of the events recorded by then scores.
 */
export const factsDocKnownAt = (doc: ScoringFactsDoc, knownAtMs: number): ScoringFactsDoc => {
  const recordedBy = (iso: string): boolean => Date.parse(iso) <= knownAtMs;
  const restored = doc.voidedFacts.filter((v) => recordedBy(v.recordedAt) && !recordedBy(v.voidedRecordedAt));
  // The position of every fact known then, by event id: the k-th ref of a list is its k-th fact.
  const positions = new Map<string, number>();
  const seen = factLists.map(() => 0);
  for (const [list, recordedAtMs, position] of doc.recorded) {
    const name = factLists[list];
    if (name === undefined) continue;
    const fact = doc[name][seen[list] ?? 0];
    seen[list] = (seen[list] ?? 0) + 1;
    if (fact !== undefined && recordedAtMs <= knownAtMs) positions.set(fact.eventId, position);
  }
  for (const v of restored) positions.set(v.fact.eventId, v.position);
  const inLogOrder = <K extends FactList>(list: K): FactLists[K] => {
    const kept: FactLists[K][number][] = [
      ...doc[list].filter((fact) => positions.has(fact.eventId)),
      ...restored.filter((v): v is Extract<VoidedFact, { list: K }> => v.list === list).map((v) => v.fact),
    ];
    return kept.sort((a, b) => (positions.get(a.eventId) ?? 0) - (positions.get(b.eventId) ?? 0)) as unknown as FactLists[K];
  };
  const lists = Object.fromEntries(factLists.map((list) => [list, inLogOrder(list)])) as unknown as FactLists;
  const voidedAssignments = doc.voidedFacts
    .filter((v): v is Extract<VoidedFact, { list: "assignments" }> => v.list === "assignments" && recordedBy(v.recordedAt) && recordedBy(v.voidedRecordedAt))
    .map((v) => v.fact);
  const backfilledEventIds = [...doc.backfilledEventIds.filter((id) => positions.has(id) && !restored.some((v) => v.fact.eventId === id)), ...restored.filter((v) => v.backfilled).map((v) => v.fact.eventId)].sort(
    (a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0),
  );
  return { ...doc, ...lists, voidedAssignments, backfilledEventIds };
};
