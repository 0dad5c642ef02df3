import { writeAnswer, type PrincipalRole, type RouteDescription } from "@duty-ledger/http-kit";
import type { z } from "zod";
import {
  livelihoodAttendanceBody,
  livelihoodBallotBoxBody,
  livelihoodCandidateBody,
  livelihoodCloseVoteBody,
  livelihoodEvaluationBody,
  livelihoodEvaluationRoundBody,
  livelihoodInspectionBody,
  livelihoodMilestoneBody,
  livelihoodProgrammeBody,
  livelihoodProgressBody,
  livelihoodShortlistBody,
} from "../livelihood-bodies.js";

/** The OpenAPI descriptions of `createLivelihoodApi`'s write routes (民生实事项目票决, design/livelihood.md). */

const write = (path: string, summary: string, roles: readonly PrincipalRole[], body: z.ZodType, answer = writeAnswer()): RouteDescription => ({
  method: "post",
  path,
  tag: "livelihood",
  summary,
  roles,
  body,
  idempotent: true,
  answers: { 201: answer },
  refusals: [400, 404, 409, 413, 422],
});

const programmes = "/v1/livelihood/programmes";
const projects = "/v1/livelihood/projects";

export const livelihoodRouteDescriptions: readonly RouteDescription[] = [
  write(programmes, "Open a livelihood programme (candidates collected until a date)", ["office"], livelihoodProgrammeBody),
  write(`${programmes}/:id/candidates`, "Propose a candidate project", ["office", "deputy"], livelihoodCandidateBody),
  write(`${programmes}/:id/shortlist`, "Decide the shortlist put to the vote (more candidates than slots)", ["office"], livelihoodShortlistBody),
  write(`${programmes}/:id/attendance`, "Record the deputies present at the vote", ["office", "clerk"], livelihoodAttendanceBody),
  write(`${programmes}/:id/ballot-boxes`, "Count a ballot box", ["office"], livelihoodBallotBoxBody),
  write(`${programmes}/:id/close-vote`, "Close the vote: the projects adopted", ["office"], livelihoodCloseVoteBody, writeAnswer("Closed: the write's answer and the vote's result")),
  write(`${programmes}/:id/evaluation-rounds`, "Open a round of the deputies' evaluations", ["office"], livelihoodEvaluationRoundBody),
  write(`${projects}/:id/milestones`, "Plan an adopted project's milestone", ["unit"], livelihoodMilestoneBody),
  write(`${projects}/:id/progress`, "Report an adopted project's progress", ["unit"], livelihoodProgressBody),
  write(`${projects}/:id/inspections`, "Record deputies' inspection of a project", ["deputy", "office"], livelihoodInspectionBody),
  write(`${projects}/:id/evaluations`, "Evaluate a project in an open round (the deputy is the token's)", ["deputy"], livelihoodEvaluationBody),
];
