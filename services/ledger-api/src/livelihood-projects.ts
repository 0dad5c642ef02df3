import { ConflictError, deciders, foldStream, NotFoundError, streamIdOf, type LivelihoodProjectContext, type ProgrammeState } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";

/**
 * The cross-stream look-ups of the livelihood routes, which the pure deciders leave to the shell:
 * a project is a candidate its programme adopted (the programme's `LivelihoodVoteClosed`, the
 * programme's state with voidings applied), with the responsible unit the candidate named.
 */

const readStream = async (store: EventStore, streamId: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
};

/** A programme's state (voidings applied). */
export const programmeState = async (store: EventStore, programmeId: string): Promise<ProgrammeState> =>
  foldStream(deciders.programme, await readStream(store, streamIdOf.programme(programmeId)), { validate: false });

export interface FoundProject {
  readonly project: LivelihoodProjectContext;
  readonly programme: Extract<ProgrammeState, { status: "open" }>;
}

/** The programme that adopted `projectId` (404 when none did; 409 when two programmes did). */
export const findProject = async (store: EventStore, projectId: string): Promise<FoundProject> => {
  const programmeIds = new Set<string>();
  for await (const event of store.readAll({ filter: { eventTypes: ["LivelihoodVoteClosed"] } })) {
    const data = event.data as { readonly programmeId: string; readonly result: { readonly adopted: readonly string[] } };
    if (data.result.adopted.includes(projectId)) programmeIds.add(data.programmeId);
  }
  const found: FoundProject[] = [];
  for (const programmeId of programmeIds) {
    const state = await programmeState(store, programmeId);
    if (state.status !== "open" || state.result === null || !state.result.adopted.includes(projectId)) continue;
    const candidate = state.candidates.get(projectId);
    if (candidate !== undefined) found.push({ project: { programmeId, responsibleUnitId: candidate.responsibleUnitId }, programme: state });
  }
  const [only, ...others] = found;
  if (only === undefined) throw new NotFoundError(`no livelihood project ${projectId}: no programme adopted it`);
  if (others.length > 0) throw new ConflictError(`livelihood project ${projectId} was adopted by several programmes`);
  return only;
};
