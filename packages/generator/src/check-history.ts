import {
  decideVoid,
  deciders,
  foldStream,
  isVoiding,
  parseStreamId,
  roles,
  safeParseEvent,
  streamIdOfEvent,
  voidingEventType,
  type AnyDecider,
  type ContactState,
  type DutyEvent,
  type StoredEventLike,
  type SuggestionState,
} from "@duty-ledger/domain";
import type { GeneratedAppend } from "./simulation.js";

/**
 * An independent check of a generated history, append by append: schemas (zod), gapless
 * revisions, unique increasing event ids, `recordedAt` in order, every event admitted by its
 * stream's decider in the state before it (`admits`), every voiding accepted by `decideVoid`,
 * the actor allowed to do it, its times not after `recordedAt`, and every deputy, unit,
 * station and cited opinion registered or recorded before. Holds every stream in memory:
 * for county and city histories.
 */

export interface HistoryCheck {
  readonly events: number;
  readonly appends: number;
  readonly streams: number;
  readonly problems: readonly string[];
}

const TIME_FIELDS = ["occurredAt", "feedbackAt", "submittedAt", "revisedAt", "reviewedAt", "assignedAt", "repliedAt", "publishedAt", "evaluatedAt", "grantedAt", "registeredAt", "correctedAt", "voidedAt", "confirmedAt", "decidedAt", "openedAt", "proposedAt", "attendedAt", "countedAt", "closedAt", "plannedAt", "reportedAt", "inspectedAt"] as const;

interface StreamCheck {
  readonly decider: AnyDecider;
  readonly stored: StoredEventLike[];
  state: unknown;
}

interface Actor {
  readonly id: string;
  readonly role: string;
  readonly stationId?: string;
}

export const checkGeneratedHistory = (appends: Iterable<GeneratedAppend>, options: { maxProblems?: number } = {}): HistoryCheck => {
  const maxProblems = options.maxProblems ?? 50;
  const problems: string[] = [];
  const problem = (message: string): void => {
    if (problems.length < maxProblems) problems.push(message);
  };
  const streams = new Map<string, StreamCheck>();
  const ids = new Set<string>();
  const registered = { deputy: new Set<string>(), unit: new Set<string>(), station: new Set<string>() };
  const opinions = new Set<string>();
  let lastId = "";
  let lastRecordedAt = Number.NEGATIVE_INFINITY;
  let events = 0;
  let appendCount = 0;

  for (const append of appends) {
    appendCount++;
    const where = `${append.streamId}@${append.recordedAt}`;
    const recordedAt = Date.parse(append.recordedAt);
    if (!(recordedAt >= lastRecordedAt)) problem(`${where}: recordedAt goes back in time`);
    lastRecordedAt = recordedAt;
    const parsed = parseStreamId(append.streamId);
    if (parsed === null) {
      problem(`${where}: not a stream id of the ledger`);
      continue;
    }
    let stream = streams.get(append.streamId);
    const expected = stream === undefined ? "no_stream" : stream.stored.length - 1;
    if (append.expectedRevision !== expected) problem(`${where}: expectedRevision ${String(append.expectedRevision)}, the stream is at ${String(expected)}`);
    if (stream === undefined) {
      const decider: AnyDecider = deciders[parsed.category];
      stream = { decider, stored: [], state: decider.initialState };
      streams.set(append.streamId, stream);
    }
    if (append.events.length === 0) problem(`${where}: empty append`);

    for (const stored of append.events) {
      events++;
      const at = `${where} ${stored.type} ${stored.id}`;
      if (ids.has(stored.id)) problem(`${at}: duplicate event id`);
      ids.add(stored.id);
      if (!(stored.id > lastId)) problem(`${at}: event id not after ${lastId}`);
      lastId = stored.id;
      const result = safeParseEvent(stored.type, stored.data);
      if (!result.success) {
        problem(`${at}: invalid: ${result.error.message} ${JSON.stringify(result.error.errors)}`);
        continue;
      }
      const event: DutyEvent = result.event;
      if (!isVoiding(event) && streamIdOfEvent(event) !== append.streamId) problem(`${at}: belongs to ${streamIdOfEvent(event)}`);
      const actor = stored.metadata.actor as Actor;
      if (!(roles as readonly string[]).includes(actor.role) || actor.id.length === 0) problem(`${at}: bad actor ${JSON.stringify(actor)}`);
      for (const field of TIME_FIELDS) {
        const value = (event.data as Record<string, unknown>)[field];
        if (typeof value === "string" && Date.parse(value) > recordedAt) problem(`${at}: ${field} ${value} after recordedAt`);
      }
      checkActorAndReferences(event, actor, stream.state, registered, opinions, (message) => problem(`${at}: ${message}`));

      if (isVoiding(event)) {
        try {
          const [decided] = decideVoid(stream.decider, append.streamId, stream.stored, {
            type: "VoidEvent",
            data: { eventId: event.data.eventId, reason: event.data.reason },
            metadata: { actor: { id: actor.id, role: actor.role as "office" }, now: event.data.voidedAt },
          });
          if (decided?.data.voidedType !== event.data.voidedType) problem(`${at}: voidedType differs from the voided event's`);
        } catch (error) {
          problem(`${at}: decideVoid refuses: ${(error as Error).message}`);
        }
        stream.stored.push({ id: stored.id, type: stored.type, data: stored.data });
        stream.state = foldStream(stream.decider, stream.stored);
        continue;
      }
      if (!stream.decider.admits(stream.state, event)) problem(`${at}: not admitted by the ${stream.decider.name} decider in its state`);
      stream.state = stream.decider.evolve(stream.state, event);
      stream.stored.push({ id: stored.id, type: stored.type, data: stored.data });
    }
  }
  return { events, appends: appendCount, streams: streams.size, problems };
};

const checkActorAndReferences = (
  event: DutyEvent,
  actor: Actor,
  state: unknown,
  registered: { deputy: Set<string>; unit: Set<string>; station: Set<string> },
  opinions: Set<string>,
  problem: (message: string) => void,
): void => {
  const office = (): void => {
    if (actor.role !== "office") problem(`${actor.role} ${actor.id} may not do this`);
  };
  const known = (kind: "deputy" | "unit" | "station", id: string | undefined): void => {
    if (id !== undefined && !registered[kind].has(id)) problem(`unknown ${kind} ${id}`);
  };
  switch (event.type) {
    case "DeputyRegistered":
      office();
      known("station", event.data.stationId);
      registered.deputy.add(event.data.deputyId);
      return;
    case "UnitRegistered":
      office();
      registered.unit.add(event.data.unitId);
      return;
    case "StationRegistered":
      office();
      registered.station.add(event.data.stationId);
      return;
    case "DeputyCorrected":
    case "UnitCorrected":
    case "StationCorrected":
    case "SuggestionPreReviewed":
    case "DeadlineExtended":
    case voidingEventType:
      office();
      return;
    case "SuggestionAssigned":
      office();
      known("unit", event.data.leadUnitId);
      for (const id of event.data.coUnitIds) known("unit", id);
      return;
    case "ContactRecorded": {
      const d = event.data;
      for (const id of d.deputyIds) known("deputy", id);
      known("station", d.stationId);
      for (const o of d.opinions) opinions.add(o.opinionId);
      if (actor.role === "deputy" && !d.deputyIds.includes(actor.id)) problem("deputy not among the contact's deputies");
      else if (actor.role === "clerk" && actor.stationId !== d.stationId) problem("clerk of another station");
      else if (actor.role !== "deputy" && actor.role !== "clerk" && actor.role !== "office") problem(`${actor.role} may not record contacts`);
      return;
    }
    case "ContactFeedbackGiven": {
      const contact = (state as ContactState).status === "recorded" ? (state as Extract<ContactState, { status: "recorded" }>).contact : undefined;
      if (actor.role === "deputy" && !(contact?.deputyIds.includes(actor.id) ?? false)) problem("deputy did not take part in the contact");
      else if (actor.role === "clerk" && actor.stationId !== contact?.stationId) problem("clerk of another station");
      else if (actor.role !== "deputy" && actor.role !== "clerk" && actor.role !== "office") problem(`${actor.role} may not give feedback`);
      return;
    }
    case "SuggestionSubmitted": {
      const d = event.data;
      known("deputy", d.leadDeputyId);
      for (const id of d.coSignerIds) known("deputy", id);
      for (const id of d.sourceOpinionIds) if (!opinions.has(id)) problem(`cites unknown opinion ${id}`);
      if (!(actor.role === "office" || (actor.role === "deputy" && actor.id === d.leadDeputyId))) problem(`${actor.role} ${actor.id} may not submit for ${d.leadDeputyId}`);
      return;
    }
    case "SuggestionRevised":
      if (!(actor.role === "office" || (actor.role === "deputy" && actor.id === (state as SuggestionState).leadDeputyId))) problem("only the lead deputy or the office revises");
      return;
    case "HandlingStepRecorded":
    case "SuggestionReplied":
      if (actor.role !== "unit" || actor.id !== event.data.unitId) problem(`${actor.role} ${actor.id} acts for unit ${event.data.unitId}`);
      return;
    case "ReplyPublished": {
      const lead = (state as SuggestionState).assignment?.leadUnitId;
      if (!(actor.role === "office" || (actor.role === "unit" && actor.id === lead))) problem("only the lead unit or the office publishes");
      return;
    }
    case "SuggestionEvaluated": {
      const lead = (state as SuggestionState).leadDeputyId;
      if (actor.role !== "deputy" || actor.id !== lead || event.data.deputyId !== lead) problem("only the lead deputy evaluates");
      return;
    }
    case "ContactParticipationConfirmed":
    case "CoSignatureDecided":
      if (actor.role !== "deputy" || actor.id !== event.data.deputyId) problem(`${actor.role} ${actor.id} decides for deputy ${event.data.deputyId}`);
      return;
    case "BackfillGranted":
    case "RankingPublished":
    case "PersonErased":
    case "SupervisionRecorded":
    case "ExtensionRequestRefused":
    case "ReturnRequestRefused":
    case "SuggestionReassigned":
      office();
      return;
    case "ExtensionRequested":
    case "ReturnRequested":
      if (actor.role !== "unit" || actor.id !== event.data.unitId) problem(`${actor.role} ${actor.id} requests for unit ${event.data.unitId}`);
      return;
    // Livelihood programmes: the office runs the vote; a deputy proposes and inspects in its own name.
    case "LivelihoodProgrammeOpened":
    case "LivelihoodShortlistDecided":
    case "LivelihoodBallotBoxCounted":
    case "LivelihoodVoteClosed":
    case "LivelihoodEvaluationRoundOpened":
      office();
      return;
    case "LivelihoodCandidateProposed": {
      const d = event.data;
      known("unit", d.responsibleUnitId);
      if (d.proposedBy.kind === "deputy") known("deputy", d.proposedBy.id);
      if (actor.role === "deputy" ? d.proposedBy.kind !== "deputy" || d.proposedBy.id !== actor.id : actor.role !== "office") problem(`${actor.role} ${actor.id} proposes for ${JSON.stringify(d.proposedBy)}`);
      return;
    }
    case "LivelihoodAttendanceRecorded":
      if (actor.role !== "office" && actor.role !== "clerk") problem(`${actor.role} ${actor.id} may not record attendance`);
      for (const id of event.data.deputyIds) known("deputy", id);
      return;
    case "LivelihoodProjectInspected":
      for (const id of event.data.deputyIds) known("deputy", id);
      if (actor.role === "deputy" ? event.data.deputyIds.length !== 1 || event.data.deputyIds[0] !== actor.id : actor.role !== "office") problem(`${actor.role} ${actor.id} records an inspection of ${event.data.deputyIds.join(", ")}`);
      return;
    case "LivelihoodProjectEvaluated":
      if (actor.role !== "deputy" || actor.id !== event.data.deputyId) problem(`${actor.role} ${actor.id} evaluates for deputy ${event.data.deputyId}`);
      return;
    // The responsible unit is the programme's, checked by the shell: a unit here.
    case "LivelihoodMilestonePlanned":
    case "LivelihoodProgressReported":
      if (actor.role !== "unit") problem(`${actor.role} ${actor.id} may not plan or report a project`);
      known("unit", actor.id);
      return;
    case "OpinionReferred":
    case "OpinionAnswered":
    case "ConstituentFeedbackRecorded":
    case "ActivityRecorded":
    case "ActivityParticipationConfirmed":
      return;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unknown event ${JSON.stringify(_exhaustive)}`);
    }
  }
};
