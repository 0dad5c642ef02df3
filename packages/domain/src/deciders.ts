import { activityDecider } from "./activity-decider.js";
import { backfillDecider } from "./backfill-decider.js";
import type { DutyCommand } from "./commands.js";
import { contactDecider } from "./contact-decider.js";
import { deputyDecider } from "./deputy-decider.js";
import { personDecider } from "./person-decider.js";
import { programmeDecider } from "./programme-decider.js";
import { projectDecider } from "./project-decider.js";
import { rankingDecider } from "./ranking-decider.js";
import { streamIdOf, type StreamCategory } from "./events.js";
import { stationDecider } from "./station-decider.js";
import { suggestionDecider } from "./suggestion-decider.js";
import { unitDecider } from "./unit-decider.js";

/** The decider of each stream category (suggestion over the built-in deadline policies). */
export const deciders = {
  deputy: deputyDecider,
  unit: unitDecider,
  station: stationDecider,
  contact: contactDecider,
  suggestion: suggestionDecider,
  backfill: backfillDecider,
  ranking: rankingDecider,
  person: personDecider,
  programme: programmeDecider,
  project: projectDecider,
  activity: activityDecider,
} as const;

export type Deciders = typeof deciders;

/**
 * The stream a command is decided against. `VoidEvent` has none of its own: the shell
 * finds the stream of the event it names.
 */
export const streamOfCommand = (command: Exclude<DutyCommand, { type: "VoidEvent" }>): { category: StreamCategory; streamId: string } => {
  switch (command.type) {
    case "RegisterDeputy":
    case "CorrectDeputy":
      return { category: "deputy", streamId: streamIdOf.deputy(command.data.deputyId) };
    case "RegisterUnit":
    case "CorrectUnit":
      return { category: "unit", streamId: streamIdOf.unit(command.data.unitId) };
    case "RegisterStation":
    case "CorrectStation":
      return { category: "station", streamId: streamIdOf.station(command.data.stationId) };
    case "RecordContact":
    case "GiveContactFeedback":
    case "ConfirmContactParticipation":
    case "ReferOpinion":
    case "AnswerOpinion":
    case "RecordConstituentFeedback":
      return { category: "contact", streamId: streamIdOf.contact(command.data.contactId) };
    case "SubmitSuggestion":
    case "ReviseSuggestion":
    case "PreReviewSuggestion":
    case "AssignSuggestion":
    case "RecordHandlingStep":
    case "ReplyToSuggestion":
    case "PublishReply":
    case "EvaluateReply":
    case "ExtendDeadline":
    case "DecideCoSignature":
    case "RecordSupervision":
    case "RequestExtension":
    case "RefuseExtensionRequest":
    case "RequestReturn":
    case "RefuseReturnRequest":
    case "ReassignSuggestion":
      return { category: "suggestion", streamId: streamIdOf.suggestion(command.data.suggestionId) };
    case "GrantBackfill":
      return { category: "backfill", streamId: streamIdOf.backfill(command.data.backfillId) };
    case "PublishRanking":
      return { category: "ranking", streamId: streamIdOf.ranking(command.data.rankingId) };
    case "ErasePerson":
      return { category: "person", streamId: streamIdOf.person(command.data.personId) };
    case "OpenLivelihoodProgramme":
    case "ProposeLivelihoodCandidate":
    case "ShortlistLivelihoodCandidates":
    case "RecordLivelihoodAttendance":
    case "CountLivelihoodBallotBox":
    case "CloseLivelihoodVote":
    case "OpenLivelihoodEvaluationRound":
      return { category: "programme", streamId: streamIdOf.programme(command.data.programmeId) };
    case "SetLivelihoodMilestone":
    case "ReportLivelihoodProgress":
    case "RecordLivelihoodInspection":
    case "EvaluateLivelihoodProject":
      return { category: "project", streamId: streamIdOf.project(command.data.projectId) };
    case "RecordActivity":
    case "ConfirmActivityParticipation":
      return { category: "activity", streamId: streamIdOf.activity(command.data.activityId) };
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};
