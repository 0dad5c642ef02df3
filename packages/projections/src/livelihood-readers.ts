import { streamIdOf } from "@duty-ledger/domain";
import { LIVELIHOOD, type LivelihoodDoc, type ProjectDoc } from "./livelihood-projection.js";
import { programmeSummaryOf, programmeViewOf, unitProjectsOf, type ProgrammeSummary, type ProgrammeView, type UnitProjectView } from "./livelihood-view.js";
import type { ReadModelStore } from "./read-model-store.js";

/** The readers of the livelihood programmes (part of `createReadModels`). */
export interface LivelihoodReaders {
  /** The programme as of `asOf` with its adopted projects; `null` when unknown (or its opening voided). */
  getLivelihoodProgramme(programmeId: string, asOf: string): Promise<ProgrammeView | null>;
  /** The programmes of a year, by id. */
  listLivelihoodProgrammes(year: number): Promise<ProgrammeSummary[]>;
  /** The adopted projects `unitId` is responsible for, every programme, as of `asOf`: by programme id, then the result's order. */
  listUnitLivelihoodProjects(unitId: string, asOf: string): Promise<UnitProjectView[]>;
}

/** The project documents of a programme (one index query). */
const projectsOf = async (store: ReadModelStore, programmeId: string): Promise<ProjectDoc[]> =>
  (await store.listByIndex<LivelihoodDoc>(LIVELIHOOD, { name: "programme", values: [programmeId] })).flatMap((hit) => (hit.doc.kind === "project" ? [hit.doc] : []));

export const livelihoodReaders = (store: ReadModelStore): LivelihoodReaders => ({
  getLivelihoodProgramme: async (programmeId, asOf) => {
    const doc = await store.get<LivelihoodDoc>(LIVELIHOOD, streamIdOf.programme(programmeId));
    if (doc === undefined || doc.kind !== "programme") return null;
    return programmeViewOf(doc, await projectsOf(store, programmeId), asOf);
  },
  listUnitLivelihoodProjects: async (unitId, asOf) => {
    const hits = await store.listByIndex<LivelihoodDoc>(LIVELIHOOD, { name: "unit", values: [unitId], order: "asc" });
    const found: UnitProjectView[] = [];
    for (const hit of hits) {
      if (hit.doc.kind !== "programme" || hit.doc.programme === null) continue;
      found.push(...unitProjectsOf(hit.doc, await projectsOf(store, hit.doc.programme.programmeId), unitId, asOf));
    }
    return found;
  },
  listLivelihoodProgrammes: async (year) => {
    const hits = await store.listByIndex<LivelihoodDoc>(LIVELIHOOD, { name: "year", values: [String(year)], order: "asc" });
    return hits.flatMap((hit) => {
      const summary = hit.doc.kind === "programme" ? programmeSummaryOf(hit.doc) : null;
      return summary === null ? [] : [summary];
    });
  },
});
