import {
  idSchema,
  livelihoodAttendanceRecordedSchema,
  livelihoodBallotBoxCountedSchema,
  livelihoodCandidateProposedSchema,
  livelihoodEvaluationRoundOpenedSchema,
  livelihoodMilestonePlannedSchema,
  livelihoodProgrammeOpenedSchema,
  livelihoodProgressReportedSchema,
  livelihoodProjectEvaluatedSchema,
  livelihoodProjectInspectedSchema,
  livelihoodShortlistDecidedSchema,
  livelihoodVoteClosedSchema,
} from "@duty-ledger/domain";
import { z } from "zod";

/**
 * The request bodies of the livelihood routes (design/livelihood.md; strict: unknown fields are
 * 400): each its event's data less the path's id and what the server stamps. A body with a
 * claimed time may name the backfill it is written under (`backfillId`).
 */

const backfillShape = { backfillId: idSchema.optional() };

/** POST /v1/livelihood/programmes */
export const livelihoodProgrammeBody = livelihoodProgrammeOpenedSchema.omit({ openedAt: true });
/** POST /v1/livelihood/programmes/:id/candidates */
export const livelihoodCandidateBody = livelihoodCandidateProposedSchema.omit({ programmeId: true, proposedAt: true });
/** POST /v1/livelihood/programmes/:id/shortlist */
export const livelihoodShortlistBody = livelihoodShortlistDecidedSchema.omit({ programmeId: true }).extend(backfillShape);
/** POST /v1/livelihood/programmes/:id/attendance */
export const livelihoodAttendanceBody = z.strictObject({ deputyIds: livelihoodAttendanceRecordedSchema.shape.deputyIds, at: livelihoodAttendanceRecordedSchema.shape.attendedAt, ...backfillShape });
/** POST /v1/livelihood/programmes/:id/ballot-boxes */
export const livelihoodBallotBoxBody = livelihoodBallotBoxCountedSchema.omit({ programmeId: true }).extend(backfillShape);
/** POST /v1/livelihood/programmes/:id/close-vote */
export const livelihoodCloseVoteBody = z.strictObject({ closedAt: livelihoodVoteClosedSchema.shape.closedAt, ...backfillShape });
/** POST /v1/livelihood/programmes/:id/evaluation-rounds */
export const livelihoodEvaluationRoundBody = livelihoodEvaluationRoundOpenedSchema.omit({ programmeId: true });
/** POST /v1/livelihood/projects/:id/milestones */
export const livelihoodMilestoneBody = livelihoodMilestonePlannedSchema.omit({ projectId: true, programmeId: true, plannedAt: true });
/** POST /v1/livelihood/projects/:id/progress */
export const livelihoodProgressBody = livelihoodProgressReportedSchema.omit({ projectId: true, programmeId: true }).extend(backfillShape);
/** POST /v1/livelihood/projects/:id/inspections */
export const livelihoodInspectionBody = z.strictObject({
  inspectionId: livelihoodProjectInspectedSchema.shape.inspectionId,
  deputyIds: livelihoodProjectInspectedSchema.shape.deputyIds,
  at: livelihoodProjectInspectedSchema.shape.inspectedAt,
  findings: livelihoodProjectInspectedSchema.shape.findings,
  ...backfillShape,
});
/** POST /v1/livelihood/projects/:id/evaluations (the deputy is the token's) */
export const livelihoodEvaluationBody = livelihoodProjectEvaluatedSchema.pick({ roundId: true, rating: true, evaluatedAt: true }).extend(backfillShape);
