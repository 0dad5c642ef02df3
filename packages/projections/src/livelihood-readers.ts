import { streamIdOf } from "@duty-ledger/domain";
import { LIVELIHOOD, type LivelihoodDoc } from "./livelihood-projection.js";
import { programmeSummaryOf, programmeViewOf, type ProgrammeSummary, type ProgrammeView } from "./livelihood-view.js";
import type { ReadModelStore } from "./read-model-store.js";

/** The readers of the livelihood programmes (part of `createReadModels`). */
export interface LivelihoodReaders {
  /** The programme as of `asOf` with its adopted projects; `null` when unknown (or its opening voided). */
  getLivelihoodProgramme(programmeId: string, asOf: string): Promise<ProgrammeView | null>;
  /** The programmes of a year, by id. */
  listLivelihoodProgrammes(year: number): Promise<ProgrammeSummary[]>;
}

export const livelihoodReaders = (store: ReadModelStore): LivelihoodReaders => ({
  getLivelihoodProgramme: async (programmeId, asOf) => {
    const doc = await store.get<LivelihoodDoc>(LIVELIHOOD, streamIdOf.programme(programmeId));
    if (doc === undefined || doc.kind !== "programme") return null;
    const projects = (await store.listByIndex<LivelihoodDoc>(LIVELIHOOD, { name: "programme", values: [programmeId] })).flatMap((hit) => (hit.doc.kind === "project" ? [hit.doc] : []));
    return programmeViewOf(doc, projects, asOf);
  },
  listLivelihoodProgrammes: async (year) => {
    const hits = await store.listByIndex<LivelihoodDoc>(LIVELIHOOD, { name: "year", values: [String(year)], order: "asc" });
    return hits.flatMap((hit) => {
      const summary = hit.doc.kind === "programme" ? programmeSummaryOf(hit.doc) : null;
      return summary === null ? [] : [summary];
    });
  },
});
