import { z } from "zod";
import { boundedText, idSchema, isoDateTimeSchema, longTextSchema, MAX_TEXT, titleSchema, uniqueList } from "../primitives.js";
import { evaluationRatings } from "../vocabulary.js";
import { defineEvent } from "./define-event.js";
import { reasonSchema, sessionSchema } from "./event-fields.js";

/**
 * 民生实事项目人大代表票决制 (design/livelihood.md): a congress's programme of livelihood
 * projects, stream `programme-<id>` (collect, screen, vote, evaluation rounds), and each adopted
 * candidate's project, stream `project-<candidateId>` (milestones, progress, inspections,
 * evaluations). Ballots carry no deputy: nothing in a ballot box links a choice to a person.
 */

export const livelihoodProposerKinds = ["deputy", "station", "unit", "public"] as const;
export const ballotChoices = ["yes", "no", "abstain"] as const;
export type BallotChoice = (typeof ballotChoices)[number];

/** Money in yuan: a non-negative integer (a county's projects run to tens of millions). */
export const yuanSchema = z.int().min(0).max(1e15);

export const proposedBySchema = z.strictObject({
  kind: z.enum(livelihoodProposerKinds),
  id: idSchema.optional(),
});

/** One secret ballot: a choice per candidate, no voter. */
export const ballotSchema = z.strictObject({
  choices: z.record(idSchema, z.enum(ballotChoices)),
});
export type Ballot = z.infer<typeof ballotSchema>;

/** A candidate's votes. */
export const candidateTallySchema = z.strictObject({ yes: z.int().min(0), no: z.int().min(0), abstain: z.int().min(0) });

/** What closing the vote found (livelihood-tally.ts computes it from the ballot boxes). */
export const voteResultSchema = z.strictObject({
  adopted: z.array(idSchema),
  tally: z.record(idSchema, candidateTallySchema),
  ballots: z.int().min(0),
  invalid: z.int().min(0),
  attendance: z.int().min(0),
  tieAtBoundary: z.array(idSchema),
});
export type VoteResult = z.infer<typeof voteResultSchema>;

const deputyIdsSchema = uniqueList(idSchema, { min: 1, max: 5_000 });

export const livelihoodProgrammeOpenedSchema = z.strictObject({
  programmeId: idSchema,
  title: titleSchema,
  year: z.int().min(1949).max(2200),
  session: sessionSchema,
  slots: z.int().min(1).max(100),
  electorateSize: z.int().min(1).max(5_000),
  collectUntil: isoDateTimeSchema,
  openedAt: isoDateTimeSchema,
});

export const livelihoodCandidateProposedSchema = z.strictObject({
  programmeId: idSchema,
  candidateId: idSchema,
  title: titleSchema,
  description: longTextSchema,
  proposedBy: proposedBySchema,
  estimatedBudgetYuan: yuanSchema,
  responsibleUnitId: idSchema,
  proposedAt: isoDateTimeSchema,
});

export const livelihoodShortlistDecidedSchema = z.strictObject({
  programmeId: idSchema,
  candidateIds: uniqueList(idSchema, { min: 1, max: 200 }),
  decidedAt: isoDateTimeSchema,
  reason: reasonSchema,
});

export const livelihoodAttendanceRecordedSchema = z.strictObject({
  programmeId: idSchema,
  deputyIds: deputyIdsSchema,
  /** The body's `at`: when they were present. */
  attendedAt: isoDateTimeSchema,
});

export const livelihoodBallotBoxCountedSchema = z.strictObject({
  programmeId: idSchema,
  boxId: idSchema,
  countedAt: isoDateTimeSchema,
  ballots: z.array(ballotSchema).max(5_000),
  /** Ballots the tellers found invalid on their own (blank, spoilt). */
  invalid: z.int().min(0).max(5_000),
});

export const livelihoodVoteClosedSchema = z.strictObject({
  programmeId: idSchema,
  closedAt: isoDateTimeSchema,
  result: voteResultSchema,
});

export const livelihoodEvaluationRoundOpenedSchema = z.strictObject({
  programmeId: idSchema,
  roundId: idSchema,
  opensAt: isoDateTimeSchema,
  closesAt: isoDateTimeSchema,
});

export const livelihoodMilestonePlannedSchema = z.strictObject({
  projectId: idSchema,
  programmeId: idSchema,
  milestoneId: idSchema,
  title: titleSchema,
  dueAt: isoDateTimeSchema,
  plannedAt: isoDateTimeSchema,
});

export const livelihoodProgressReportedSchema = z.strictObject({
  projectId: idSchema,
  programmeId: idSchema,
  percent: z.number().min(0).max(100),
  spentYuan: yuanSchema,
  note: boundedText(MAX_TEXT),
  reportedAt: isoDateTimeSchema,
});

export const livelihoodProjectInspectedSchema = z.strictObject({
  projectId: idSchema,
  programmeId: idSchema,
  inspectionId: idSchema,
  deputyIds: deputyIdsSchema,
  /** The body's `at`. */
  inspectedAt: isoDateTimeSchema,
  findings: longTextSchema,
});

export const livelihoodProjectEvaluatedSchema = z.strictObject({
  projectId: idSchema,
  programmeId: idSchema,
  roundId: idSchema,
  deputyId: idSchema,
  rating: z.enum(evaluationRatings),
  evaluatedAt: isoDateTimeSchema,
});

export const livelihoodEventDefinitions = [
  defineEvent({
    type: "LivelihoodProgrammeOpened",
    stream: "programme",
    schema: livelihoodProgrammeOpenedSchema,
    entityId: (d) => d.programmeId,
    occurredAt: (d) => d.openedAt,
    summary: (d) => `民生实事票决 ${d.year} 年度开始征集 ${d.title} / Livelihood programme ${d.programmeId} opened`,
  }),
  defineEvent({
    type: "LivelihoodCandidateProposed",
    stream: "programme",
    schema: livelihoodCandidateProposedSchema,
    entityId: (d) => d.programmeId,
    occurredAt: (d) => d.proposedAt,
    summary: (d) => `提出民生实事候选项目 ${d.title} / Livelihood candidate ${d.candidateId} proposed`,
  }),
  defineEvent({
    type: "LivelihoodShortlistDecided",
    stream: "programme",
    schema: livelihoodShortlistDecidedSchema,
    entityId: (d) => d.programmeId,
    occurredAt: (d) => d.decidedAt,
    summary: (d) => `确定民生实事候选项目 ${d.candidateIds.length} 个 / Shortlist of ${d.candidateIds.length} decided for ${d.programmeId}`,
  }),
  defineEvent({
    type: "LivelihoodAttendanceRecorded",
    stream: "programme",
    schema: livelihoodAttendanceRecordedSchema,
    entityId: (d) => d.programmeId,
    occurredAt: (d) => d.attendedAt,
    summary: (d) => `参加民生实事票决 ${d.deputyIds.length} 人 / Attendance of ${d.deputyIds.length} recorded for ${d.programmeId}`,
  }),
  defineEvent({
    type: "LivelihoodBallotBoxCounted",
    stream: "programme",
    schema: livelihoodBallotBoxCountedSchema,
    entityId: (d) => d.programmeId,
    occurredAt: (d) => d.countedAt,
    summary: (d) => `票箱 ${d.boxId} 计票 ${d.ballots.length + d.invalid} 张 / Ballot box ${d.boxId} counted`,
  }),
  defineEvent({
    type: "LivelihoodVoteClosed",
    stream: "programme",
    schema: livelihoodVoteClosedSchema,
    entityId: (d) => d.programmeId,
    occurredAt: (d) => d.closedAt,
    summary: (d) => `民生实事票决结束，通过 ${d.result.adopted.length} 项 / Vote closed for ${d.programmeId}, ${d.result.adopted.length} adopted`,
  }),
  defineEvent({
    type: "LivelihoodEvaluationRoundOpened",
    stream: "programme",
    schema: livelihoodEvaluationRoundOpenedSchema,
    entityId: (d) => d.programmeId,
    occurredAt: (d) => d.opensAt,
    summary: (d) => `民生实事测评 ${d.roundId} / Evaluation round ${d.roundId} of ${d.programmeId}`,
  }),
  defineEvent({
    type: "LivelihoodMilestonePlanned",
    stream: "project",
    schema: livelihoodMilestonePlannedSchema,
    entityId: (d) => d.projectId,
    occurredAt: (d) => d.plannedAt,
    summary: (d) => `民生实事项目节点 ${d.title} / Milestone ${d.milestoneId} of project ${d.projectId}`,
  }),
  defineEvent({
    type: "LivelihoodProgressReported",
    stream: "project",
    schema: livelihoodProgressReportedSchema,
    entityId: (d) => d.projectId,
    occurredAt: (d) => d.reportedAt,
    summary: (d) => `民生实事项目进度 ${d.percent}% / Project ${d.projectId} at ${d.percent}%`,
  }),
  defineEvent({
    type: "LivelihoodProjectInspected",
    stream: "project",
    schema: livelihoodProjectInspectedSchema,
    entityId: (d) => d.projectId,
    occurredAt: (d) => d.inspectedAt,
    summary: (d) => `视察民生实事项目 ${d.projectId} / Project ${d.projectId} inspected`,
  }),
  defineEvent({
    type: "LivelihoodProjectEvaluated",
    stream: "project",
    schema: livelihoodProjectEvaluatedSchema,
    entityId: (d) => d.projectId,
    occurredAt: (d) => d.evaluatedAt,
    summary: (d) => `测评民生实事项目 ${d.projectId}（${d.rating}） / Project ${d.projectId} evaluated`,
  }),
] as const;
