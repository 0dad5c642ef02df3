import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import type {
  AssignSuggestion,
  CommandActor,
  EvaluateReply,
  ExtendDeadline,
  PreReviewSuggestion,
  PublishReply,
  RecordHandlingStep,
  ReplyToSuggestion,
  ReviseSuggestion,
  SubmitSuggestion,
} from "./commands.js";
import { nationalDefaultPolicy, type DeadlinePolicy } from "./deadline-policy.js";
import { foldEvents } from "./decider.js";
import { DomainRuleError } from "./errors.js";
import {
  assigned,
  auditor,
  CO_UNIT,
  clerk,
  deputy,
  evaluated,
  extended,
  LEAD_DEPUTY,
  LEAD_UNIT,
  meta,
  office,
  preReviewed,
  published,
  replied,
  revised,
  SID,
  step,
  submitted,
  throughReply,
  unit,
} from "./fixtures.test-support.js";
import { createSuggestionDecider, suggestionDecider } from "./suggestion-decider.js";

const spec = DeciderSpecification.for(suggestionDecider);
const lead = deputy(LEAD_DEPUTY);
const leadUnit = unit(LEAD_UNIT);
const coUnit = unit(CO_UNIT);

// ---------------------------------------------------------------- commands

const submit = (actor: CommandActor = lead, data: Partial<SubmitSuggestion["data"]> = {}): SubmitSuggestion => {
  const { suggestionId, leadDeputyId, coSignerIds, title, body, phase, session, submittedAt } = submitted().data;
  return { type: "SubmitSuggestion", data: { suggestionId, leadDeputyId, coSignerIds, title, body, phase, session, submittedAt, ...data }, metadata: meta(actor) };
};
const revise = (actor: CommandActor = lead, revisedAt = "2024-01-20T10:00:00+08:00"): ReviseSuggestion => ({
  type: "ReviseSuggestion",
  data: { suggestionId: SID, title: "Repair the bridge (revised)", body: "Now with figures.", revisedAt },
  metadata: meta(actor),
});
const preReview = (outcome: "accept" | "revise" | "return" = "accept", actor: CommandActor = office, reviewedAt = "2024-01-15T10:00:00+08:00"): PreReviewSuggestion => ({
  type: "PreReviewSuggestion",
  data: { suggestionId: SID, outcome, reason: "meets the requirements", reviewedAt },
  metadata: meta(actor),
});
const assign = (data: Partial<AssignSuggestion["data"]> = {}, actor: CommandActor = office): AssignSuggestion => ({
  type: "AssignSuggestion",
  data: { suggestionId: SID, leadUnitId: LEAD_UNIT, coUnitIds: [CO_UNIT], assignedAt: "2024-03-01T09:30:00+08:00", complex: false, ...data },
  metadata: meta(actor),
});
const recordStep = (actor: CommandActor = leadUnit, data: Partial<RecordHandlingStep["data"]> = {}): RecordHandlingStep => ({
  type: "RecordHandlingStep",
  data: { suggestionId: SID, unitId: actor.id, kind: "plan", occurredAt: "2024-03-05T10:00:00+08:00", recordedVia: "online", ...data },
  metadata: meta(actor),
});
const reply = (actor: CommandActor = leadUnit, data: Partial<ReplyToSuggestion["data"]> = {}): ReplyToSuggestion => ({
  type: "ReplyToSuggestion",
  data: { suggestionId: SID, unitId: actor.id, category: "A", repliedAt: "2024-05-20T10:00:00+08:00", text: "Repaired in May.", ...data },
  metadata: meta(actor),
});
const publish = (actor: CommandActor = leadUnit, data: Partial<PublishReply["data"]> = {}): PublishReply => ({
  type: "PublishReply",
  data: { suggestionId: SID, publishedAt: "2024-05-25T10:00:00+08:00", ...data },
  metadata: meta(actor),
});
const evaluate = (
  rating: EvaluateReply["data"]["rating"] = "satisfied",
  actor: CommandActor = lead,
  data: Partial<EvaluateReply["data"]> = {},
): EvaluateReply => ({
  type: "EvaluateReply",
  data: { suggestionId: SID, rating, evaluatedAt: "2024-06-10T10:00:00+08:00", ...data },
  metadata: meta(actor),
});
const extend = (data: Partial<ExtendDeadline["data"]> = {}, actor: CommandActor = office, now?: string): ExtendDeadline => ({
  type: "ExtendDeadline",
  data: { suggestionId: SID, newDueAt: "2024-07-01T23:59:59.999+08:00", reason: "awaiting the provincial budget", grantedAt: "2024-05-10T10:00:00+08:00", ...data },
  metadata: meta(actor, now),
});

// ---------------------------------------------------------------- histories

const submittedOnly = () => [submitted()];
const accepted = () => [submitted(), preReviewed("accept")];
const handling = () => [submitted(), preReviewed("accept"), assigned()];
const closed = () => [...throughReply(), evaluated("satisfied")];
const rehandling = () => [...throughReply(), evaluated("unsatisfied")];
const returned = () => [submitted(), preReviewed("return")];

describe("submission", () => {
  it("the lead deputy submits; optional fields default to empty / not confidential", () => spec.given([]).when(submit()).then([submitted()]));
  it("the office submits on a deputy's behalf", () => spec.given([]).when(submit(office)).then([submitted()]));
  it("keeps source opinions and confidentiality", () =>
    spec
      .when(submit(lead, { sourceOpinionIds: ["OP-1"], confidential: true }))
      .then([submitted({ sourceOpinionIds: ["OP-1"], confidential: true })]));
  it("refuses a deputy submitting as another lead deputy (403)", () => spec.when(submit(deputy("D-2"))).thenThrows("FORBIDDEN"));
  it.each([leadUnit, clerk("ST-1"), auditor])("refuses %j (403)", (actor) => spec.when(submit(actor)).thenThrows("FORBIDDEN"));
  it("refuses an id already used (409)", () => spec.given(submittedOnly()).when(submit()).thenThrows("CONFLICT"));
  it("refuses the lead deputy among the co-signers (422)", () => spec.when(submit(lead, { coSignerIds: ["D-2", LEAD_DEPUTY] })).thenThrows("DOMAIN_RULE", "coSignerIds"));
  it("refuses a submission in the future (422)", () => spec.when(submit(lead, { submittedAt: "2025-06-01T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});

describe("pre-review", () => {
  it.each(["accept", "revise", "return"] as const)("the office pre-reviews: %s", (outcome) =>
    spec.given(submittedOnly()).when(preReview(outcome)).then([preReviewed(outcome)]));
  it("refuses an unknown suggestion (404)", () => spec.given([]).when(preReview()).thenThrows("NOT_FOUND"));
  it("checks the role before the suggestion's existence (403 on an unknown suggestion)", () => spec.given([]).when(preReview("accept", lead)).thenThrows("FORBIDDEN"));
  it.each([lead, leadUnit, auditor])("refuses %j (403)", (actor) => spec.given(submittedOnly()).when(preReview("accept", actor)).thenThrows("FORBIDDEN"));
  it("refuses a second pre-review (409)", () => spec.given(accepted()).when(preReview()).thenThrows("CONFLICT"));
  it("refuses pre-reviewing a returned suggestion (409)", () => spec.given(returned()).when(preReview()).thenThrows("CONFLICT", "returned"));
  it("refuses a suggestion awaiting revision (409)", () => spec.given([submitted(), preReviewed("revise")]).when(preReview()).thenThrows("CONFLICT"));
  it("refuses a pre-review before the submission (422)", () =>
    spec.given(submittedOnly()).when(preReview("accept", office, "2024-01-01T10:00:00+08:00")).thenThrows("DOMAIN_RULE", "reviewedAt"));
  it("refuses a pre-review in the future (422)", () =>
    spec.given(submittedOnly()).when(preReview("accept", office, "2025-01-15T10:00:00+08:00")).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});

describe("revision after a `revise` pre-review", () => {
  const revisionRequested = () => [submitted(), preReviewed("revise")];
  it("the lead deputy re-submits", () => spec.given(revisionRequested()).when(revise()).then([revised()]));
  it("the office re-submits for them", () => spec.given(revisionRequested()).when(revise(office)).then([revised()]));
  it("a revised suggestion is pre-reviewed again", () =>
    spec.given([...revisionRequested(), revised()]).when(preReview("accept", office, "2024-01-25T10:00:00+08:00")).then([preReviewed("accept", "2024-01-25T10:00:00+08:00")]));
  it("the second pre-review may not precede the revision (422)", () =>
    spec.given([...revisionRequested(), revised()]).when(preReview("accept", office, "2024-01-19T10:00:00+08:00")).thenThrows("DOMAIN_RULE"));
  it("refuses an unknown suggestion to the office (404)", () => spec.given([]).when(revise(office)).thenThrows("NOT_FOUND"));
  it("refuses an unknown suggestion to a deputy as another's (403)", () => spec.given([]).when(revise()).thenThrows("FORBIDDEN", "lead deputy"));
  it("refuses another deputy (403)", () => spec.given(revisionRequested()).when(revise(deputy("D-2"))).thenThrows("FORBIDDEN"));
  it("refuses a unit (403)", () => spec.given(revisionRequested()).when(revise(leadUnit)).thenThrows("FORBIDDEN"));
  it("refuses a suggestion not sent back for revision (409)", () => spec.given(submittedOnly()).when(revise()).thenThrows("CONFLICT"));
  it("refuses revising an accepted suggestion (409)", () => spec.given(accepted()).when(revise()).thenThrows("CONFLICT"));
  it("refuses a revision before the pre-review (422)", () =>
    spec.given(revisionRequested()).when(revise(lead, "2024-01-14T10:00:00+08:00")).thenThrows("DOMAIN_RULE"));
});

describe("assignment", () => {
  it("the office assigns an accepted suggestion; due 3 months later, end of day, national-default v1", () =>
    spec.given(accepted()).when(assign()).then([assigned()]));

  it("a complex suggestion is due 6 months later", () =>
    spec.given(accepted()).when(assign({ complex: true })).then([assigned({ complex: true, dueAt: "2024-09-01T23:59:59.999+08:00" })]));

  it("month ends clamp (Nov 30 + 3 months = Feb 28)", () =>
    spec
      .given([submitted(), preReviewed("accept", "2024-11-01T10:00:00+08:00")])
      .when(assign({ assignedAt: "2024-11-30T15:00:00+08:00" }))
      .then([assigned({ assignedAt: "2024-11-30T15:00:00+08:00", dueAt: "2025-02-28T23:59:59.999+08:00" })]));

  it("keeps the officials when given", () =>
    spec
      .given(accepted())
      .when(assign({ leadingOfficial: "Deputy head Wang", supervisingOfficial: "Director Zhao" }))
      .then([assigned({ leadingOfficial: "Deputy head Wang", supervisingOfficial: "Director Zhao" })]));

  it("applies the policy the command names, and records it", () =>
    spec
      .given([submitted({ phase: "session" }), preReviewed("accept")])
      .when(assign({ policy: { name: "session-close", version: 1 }, sessionClosedAt: "2024-02-20T12:00:00+08:00" }))
      .then([assigned({ policy: { name: "session-close", version: 1 }, dueAt: "2024-05-20T23:59:59.999+08:00" })]));

  it("refuses a session-close policy without the session's close (422)", () =>
    spec
      .given([submitted({ phase: "session" }), preReviewed("accept")])
      .when(assign({ policy: { name: "session-close", version: 1 } }))
      .thenThrows("DOMAIN_RULE", "sessionClosedAt"));

  it("refuses an unknown policy (422)", () =>
    spec.given(accepted()).when(assign({ policy: { name: "nowhere", version: 1 } })).thenThrows("DOMAIN_RULE", "unknown deadline policy"));

  it("uses the default policy of a decider built over another registry", () => {
    const strict: DeadlinePolicy = { ...nationalDefaultPolicy, name: "strict", replyMonths: 2 };
    const decider = createSuggestionDecider({ policies: [strict], defaultPolicy: { name: "strict", version: 1 } });
    DeciderSpecification.for(decider)
      .given(accepted())
      .when(assign())
      .then([assigned({ dueAt: "2024-05-01T23:59:59.999+08:00", policy: { name: "strict", version: 1 } })]);
  });

  it("refuses an unknown suggestion (404)", () => spec.given([]).when(assign()).thenThrows("NOT_FOUND"));
  it.each([lead, leadUnit, auditor])("refuses %j (403)", (actor) => spec.given(accepted()).when(assign({}, actor)).thenThrows("FORBIDDEN"));
  it("refuses a suggestion not yet pre-reviewed (409)", () => spec.given(submittedOnly()).when(assign()).thenThrows("CONFLICT", "only an accepted"));
  it("refuses a returned suggestion (409)", () => spec.given(returned()).when(assign()).thenThrows("CONFLICT"));
  it("refuses a suggestion sent back for revision (409)", () => spec.given([submitted(), preReviewed("revise")]).when(assign()).thenThrows("CONFLICT"));
  it("refuses a second assignment (409)", () => spec.given(handling()).when(assign()).thenThrows("CONFLICT"));
  it("refuses a closed suggestion (409)", () => spec.given(closed()).when(assign()).thenThrows("CONFLICT", "closed"));
  it("refuses the lead unit among the co-units (422)", () => spec.given(accepted()).when(assign({ coUnitIds: [CO_UNIT, LEAD_UNIT] })).thenThrows("DOMAIN_RULE", "coUnitIds"));
  it("refuses an assignment before the pre-review (422)", () => spec.given(accepted()).when(assign({ assignedAt: "2024-01-14T10:00:00+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses an assignment in the future (422)", () => spec.given(accepted()).when(assign({ assignedAt: "2025-01-14T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});

describe("handling steps", () => {
  it("the lead unit records a step", () => spec.given(handling()).when(recordStep()).then([step()]));
  it("a co-unit records a step", () => spec.given(handling()).when(recordStep(coUnit, { kind: "site-visit" })).then([step({ unitId: CO_UNIT, kind: "site-visit" })]));
  it("a co-unit gives its opinion", () => spec.given(handling()).when(recordStep(coUnit, { kind: "co-unit-opinion" })).then([step({ unitId: CO_UNIT, kind: "co-unit-opinion" })]));
  it("a consultation with the deputy present, backfilled with a note", () =>
    spec
      .given(handling())
      .when(recordStep(leadUnit, { kind: "consultation", deputyPresent: true, recordedVia: "backfill", note: "face to face at the bridge" }))
      .then([step({ kind: "consultation", deputyPresent: true, recordedVia: "backfill", note: "face to face at the bridge" })]));
  it("steps continue during re-handling", () => spec.given(rehandling()).when(recordStep(leadUnit, { occurredAt: "2024-06-15T10:00:00+08:00" })).then([step({ occurredAt: "2024-06-15T10:00:00+08:00" })]));
  it("steps continue after an extension", () => spec.given([...handling(), extended()]).when(recordStep()).then([step()]));

  it("refuses an unknown suggestion to a unit as one it is not on (403)", () => spec.given([]).when(recordStep()).thenThrows("FORBIDDEN", "neither"));
  it("refuses a unit that is neither lead nor co-unit (403)", () => spec.given(handling()).when(recordStep(unit("U-OTHER"))).thenThrows("FORBIDDEN", "neither"));
  it("refuses a unit recording a step in another unit's name (403)", () =>
    spec.given(handling()).when(recordStep(coUnit, { unitId: LEAD_UNIT })).thenThrows("FORBIDDEN"));
  it.each([office, lead, auditor])("refuses %j (403)", (actor) => spec.given(handling()).when(recordStep(actor, { unitId: LEAD_UNIT })).thenThrows("FORBIDDEN"));
  it("refuses an accepted but unassigned suggestion as one it is not on (403, not its state's 409)", () => spec.given(accepted()).when(recordStep()).thenThrows("FORBIDDEN", "neither"));
  it("refuses a suggestion whose reply awaits evaluation (409)", () => spec.given(throughReply()).when(recordStep()).thenThrows("CONFLICT", "awaiting evaluation"));
  it("refuses a closed suggestion (409)", () => spec.given(closed()).when(recordStep()).thenThrows("CONFLICT", "closed"));
  it("refuses a returned suggestion as one it is not on (403)", () => spec.given(returned()).when(recordStep()).thenThrows("FORBIDDEN", "neither"));
  it("refuses a co-unit opinion from the lead unit (422)", () => spec.given(handling()).when(recordStep(leadUnit, { kind: "co-unit-opinion" })).thenThrows("DOMAIN_RULE", "kind"));
  it("refuses a step before the assignment (422)", () => spec.given(handling()).when(recordStep(leadUnit, { occurredAt: "2024-02-28T10:00:00+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses a step in the future (422)", () => spec.given(handling()).when(recordStep(leadUnit, { occurredAt: "2025-02-28T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});

describe("reply", () => {
  it("the lead unit replies: round 1", () => spec.given([...handling(), step()]).when(reply()).then([replied()]));
  it("a reply without any step is allowed", () => spec.given(handling()).when(reply(leadUnit, { category: "D" })).then([replied({ category: "D" })]));
  it("a late reply (after the due date) is still recorded", () =>
    spec.given(handling()).when(reply(leadUnit, { repliedAt: "2024-07-20T10:00:00+08:00" })).then([replied({ repliedAt: "2024-07-20T10:00:00+08:00" })]));
  it("after an unsatisfied evaluation the lead unit replies again: round 2", () =>
    spec.given(rehandling()).when(reply(leadUnit, { repliedAt: "2024-07-01T10:00:00+08:00", category: "B" })).then([replied({ repliedAt: "2024-07-01T10:00:00+08:00", category: "B", round: 2 })]));

  it("refuses an unknown suggestion as one the unit does not lead (403)", () => spec.given([]).when(reply()).thenThrows("FORBIDDEN", "lead unit"));
  it("refuses a co-unit: only the lead unit replies (403)", () => spec.given(handling()).when(reply(coUnit)).thenThrows("FORBIDDEN", "lead unit"));
  it("refuses an unrelated unit (403)", () => spec.given(handling()).when(reply(unit("U-OTHER"))).thenThrows("FORBIDDEN"));
  it("refuses a unit replying in the lead unit's name (403)", () => spec.given(handling()).when(reply(coUnit, { unitId: LEAD_UNIT })).thenThrows("FORBIDDEN"));
  it.each([office, lead])("refuses %j (403)", (actor) => spec.given(handling()).when(reply(actor, { unitId: LEAD_UNIT })).thenThrows("FORBIDDEN"));
  it("refuses an unassigned suggestion as one the unit does not lead (403)", () => spec.given(accepted()).when(reply()).thenThrows("FORBIDDEN", "lead unit"));
  it("refuses a second reply while one awaits evaluation (409)", () => spec.given(throughReply()).when(reply()).thenThrows("CONFLICT", "awaiting evaluation"));
  it("refuses a closed suggestion (409)", () => spec.given(closed()).when(reply()).thenThrows("CONFLICT", "closed"));
  it("refuses a returned suggestion as one the unit does not lead (403)", () => spec.given(returned()).when(reply()).thenThrows("FORBIDDEN", "lead unit"));
  it("refuses a reply before the assignment (422)", () => spec.given(handling()).when(reply(leadUnit, { repliedAt: "2024-02-01T10:00:00+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses a re-handling reply before the unsatisfied evaluation (422)", () =>
    spec.given(rehandling()).when(reply(leadUnit, { repliedAt: "2024-06-01T10:00:00+08:00" })).thenThrows("DOMAIN_RULE", "unsatisfied evaluation"));
  it("refuses a reply in the future (422)", () => spec.given(handling()).when(reply(leadUnit, { repliedAt: "2025-02-01T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});

describe("publication of the reply", () => {
  it("the lead unit publishes the reply", () => spec.given(throughReply()).when(publish()).then([published()]));
  it("the office publishes it, with a url", () =>
    spec.given(throughReply()).when(publish(office, { url: "https://gov.example/replies/S-1" })).then([published({ url: "https://gov.example/replies/S-1" })]));
  it("a reply may be published after the suggestion closed", () => spec.given(closed()).when(publish()).then([published()]));
  it("the second round's reply is published as round 2", () =>
    spec
      .given([...rehandling(), replied({ round: 2, repliedAt: "2024-07-01T10:00:00+08:00" })])
      .when(publish(leadUnit, { publishedAt: "2024-07-02T10:00:00+08:00" }))
      .then([published({ round: 2, publishedAt: "2024-07-02T10:00:00+08:00" })]));

  it("refuses an unknown suggestion to the office (404)", () => spec.given([]).when(publish(office)).thenThrows("NOT_FOUND"));
  it("refuses an unknown suggestion to a unit as one it does not lead (403)", () => spec.given([]).when(publish()).thenThrows("FORBIDDEN", "lead unit"));
  it("refuses a co-unit (403)", () => spec.given(throughReply()).when(publish(coUnit)).thenThrows("FORBIDDEN"));
  it.each([lead, auditor, clerk("ST-1")])("refuses %j (403)", (actor) => spec.given(throughReply()).when(publish(actor)).thenThrows("FORBIDDEN"));
  it("refuses a suggestion without a reply (409)", () => spec.given(handling()).when(publish()).thenThrows("CONFLICT", "no reply"));
  it("refuses publishing the same reply twice (409)", () => spec.given([...throughReply(), published()]).when(publish()).thenThrows("CONFLICT", "already published"));
  it("refuses a publication before the reply (422)", () => spec.given(throughReply()).when(publish(leadUnit, { publishedAt: "2024-05-19T10:00:00+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses a publication in the future (422)", () => spec.given(throughReply()).when(publish(leadUnit, { publishedAt: "2025-05-19T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
  it.each([leadUnit, office])("refuses publishing the reply of a confidential suggestion, by %j (422)", (actor) =>
    spec
      .given([submitted({ confidential: true }), ...throughReply().slice(1)])
      .when(publish(actor))
      .thenThrows((error) => error instanceof DomainRuleError && error.errors?.[0]?.path === "confidential"));
  it("refuses publishing a confidential suggestion's reply after it closed (422)", () =>
    spec.given([submitted({ confidential: true }), ...closed().slice(1)]).when(publish()).thenThrows("DOMAIN_RULE", "confidential"));
});

describe("evaluation", () => {
  it.each(["satisfied", "basically-satisfied"] as const)("the lead deputy rates %s: the suggestion closes", (rating) => {
    spec.given(throughReply()).when(evaluate(rating)).then([evaluated(rating)]);
    expect(foldEvents(suggestionDecider, [...throughReply(), evaluated(rating)]).status).toBe("closed");
  });

  it("keeps the comment", () => spec.given(throughReply()).when(evaluate("satisfied", lead, { comment: "quick work" })).then([evaluated("satisfied", { comment: "quick work" })]));

  it("unsatisfied re-opens handling, due 1 month later under the assignment's policy", () => {
    spec.given(throughReply()).when(evaluate("unsatisfied")).then([evaluated("unsatisfied")]);
    const state = foldEvents(suggestionDecider, rehandling());
    expect(state).toMatchObject({ status: "rehandling", round: 2, dueAt: "2024-07-10T23:59:59.999+08:00" });
  });

  it("unsatisfied under the session-close policy gives 2 months", () =>
    spec
      .given([submitted(), preReviewed(), assigned({ policy: { name: "session-close", version: 1 } }), replied()])
      .when(evaluate("unsatisfied"))
      .then([evaluated("unsatisfied", { rehandleDueAt: "2024-08-10T23:59:59.999+08:00", policy: { name: "session-close", version: 1 } })]));

  it("the second round is evaluated as round 2 and can close", () =>
    spec
      .given([...rehandling(), replied({ round: 2, repliedAt: "2024-07-01T10:00:00+08:00" })])
      .when(evaluate("satisfied", lead, { evaluatedAt: "2024-07-05T10:00:00+08:00" }))
      .then([evaluated("satisfied", { round: 2, evaluatedAt: "2024-07-05T10:00:00+08:00" })]));

  it("a second unsatisfied evaluation opens round 3", () => {
    const events = [...rehandling(), replied({ round: 2, repliedAt: "2024-07-01T10:00:00+08:00" }), evaluated("unsatisfied", { round: 2, evaluatedAt: "2024-07-05T10:00:00+08:00", rehandleDueAt: "2024-08-05T23:59:59.999+08:00" })];
    expect(foldEvents(suggestionDecider, events)).toMatchObject({ status: "rehandling", round: 3, dueAt: "2024-08-05T23:59:59.999+08:00" });
    spec.given(events).when(reply(leadUnit, { repliedAt: "2024-07-20T10:00:00+08:00" })).then([replied({ round: 3, repliedAt: "2024-07-20T10:00:00+08:00" })]);
  });

  it("refuses an unknown suggestion to a deputy as another's (403)", () => spec.given([]).when(evaluate()).thenThrows("FORBIDDEN", "lead deputy"));
  it("refuses a co-signer: only the lead deputy evaluates (403)", () => spec.given(throughReply()).when(evaluate("satisfied", deputy("D-2"))).thenThrows("FORBIDDEN", "lead deputy"));
  it.each([office, leadUnit, auditor])("refuses %j (403)", (actor) => spec.given(throughReply()).when(evaluate("satisfied", actor)).thenThrows("FORBIDDEN"));
  it("refuses before any reply (409)", () => spec.given(handling()).when(evaluate()).thenThrows("CONFLICT"));
  it("refuses a second evaluation of the same reply: closed (409)", () => spec.given(closed()).when(evaluate()).thenThrows("CONFLICT"));
  it("refuses a second evaluation of the same reply: re-handling (409)", () => spec.given(rehandling()).when(evaluate()).thenThrows("CONFLICT"));
  it("refuses a returned suggestion (409)", () => spec.given(returned()).when(evaluate()).thenThrows("CONFLICT"));
  it("refuses an evaluation before the reply (422)", () =>
    spec.given(throughReply()).when(evaluate("satisfied", lead, { evaluatedAt: "2024-05-19T10:00:00+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses an evaluation in the future (422)", () =>
    spec.given(throughReply()).when(evaluate("satisfied", lead, { evaluatedAt: "2025-05-19T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});

describe("deadline extension", () => {
  it("the office extends the due date in force", () => spec.given(handling()).when(extend()).then([extended()]));
  it("a second extension starts from the first", () =>
    spec
      .given([...handling(), extended()])
      .when(extend({ newDueAt: "2024-08-01T23:59:59.999+08:00" }))
      .then([extended({ previousDueAt: "2024-07-01T23:59:59.999+08:00", newDueAt: "2024-08-01T23:59:59.999+08:00" })]));
  it("the re-handling deadline can be extended", () =>
    spec
      .given(rehandling())
      .when(extend({ newDueAt: "2024-08-10T23:59:59.999+08:00", grantedAt: "2024-06-20T10:00:00+08:00" }))
      .then([extended({ previousDueAt: "2024-07-10T23:59:59.999+08:00", newDueAt: "2024-08-10T23:59:59.999+08:00", grantedAt: "2024-06-20T10:00:00+08:00" })]));
  it("the extended due date is the one in force", () => expect(foldEvents(suggestionDecider, [...handling(), extended()]).dueAt).toBe("2024-07-01T23:59:59.999+08:00"));

  describe("with a capped policy (+3 months)", () => {
    const cappedHistory = [submitted(), preReviewed(), assigned({ policy: { name: "session-close", version: 1 } })];
    it("accepts up to the cap", () =>
      spec.given(cappedHistory).when(extend({ newDueAt: "2024-09-01T23:59:59.999+08:00" })).then([extended({ newDueAt: "2024-09-01T23:59:59.999+08:00" })]));
    it("refuses beyond the cap (422)", () => spec.given(cappedHistory).when(extend({ newDueAt: "2024-09-02T10:00:00+08:00" })).thenThrows("DOMAIN_RULE", "caps extensions"));
    it("the cap counts from the due date before any extension", () =>
      spec
        .given([...cappedHistory, extended({ newDueAt: "2024-08-01T23:59:59.999+08:00" })])
        .when(extend({ newDueAt: "2024-09-15T23:59:59.999+08:00" }))
        .thenThrows("DOMAIN_RULE"));
  });

  it("refuses an unknown suggestion (404)", () => spec.given([]).when(extend()).thenThrows("NOT_FOUND"));
  it.each([leadUnit, lead, auditor])("refuses %j (403)", (actor) => spec.given(handling()).when(extend({}, actor)).thenThrows("FORBIDDEN"));
  it("refuses an unassigned suggestion (409)", () => spec.given(accepted()).when(extend()).thenThrows("CONFLICT"));
  it("refuses a replied suggestion (409)", () => spec.given(throughReply()).when(extend()).thenThrows("CONFLICT"));
  it("refuses a closed suggestion (409)", () => spec.given(closed()).when(extend()).thenThrows("CONFLICT"));
  it("refuses a new due date not after the current one (422)", () =>
    spec.given(handling()).when(extend({ newDueAt: "2024-06-01T23:59:59.999+08:00" })).thenThrows("DOMAIN_RULE", "newDueAt"));
  it("refuses a new due date before the current one (422)", () =>
    spec.given([...handling(), extended()]).when(extend({ newDueAt: "2024-06-15T23:59:59.999+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses an extension granted before the assignment (422)", () =>
    spec.given(handling()).when(extend({ grantedAt: "2024-02-01T10:00:00+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses an extension granted in the future (422)", () =>
    spec.given(handling()).when(extend({ grantedAt: "2025-02-01T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
  it("refuses an extension granted after the due date it extends (422 extension-after-due)", () =>
    spec
      .given(handling())
      .when(extend({ grantedAt: "2024-06-02T00:00:00+08:00", newDueAt: "2024-08-01T23:59:59.999+08:00" }))
      .thenThrows("EXTENSION_AFTER_DUE", "2024-06-01T23:59:59.999+08:00"));
  it("refuses an extension granted ~650 days late (422 extension-after-due)", () =>
    spec
      .given(handling())
      .when(extend({ grantedAt: "2026-03-14T10:00:00+08:00", newDueAt: "2026-12-31T23:59:59.999+08:00" }, office, "2026-03-14T12:00:00+08:00"))
      .thenThrows("EXTENSION_AFTER_DUE"));
  it("accepts an extension granted on the last moment of the due date", () =>
    spec
      .given(handling())
      .when(extend({ grantedAt: "2024-06-01T23:59:59.999+08:00" }))
      .then([extended({ grantedAt: "2024-06-01T23:59:59.999+08:00" })]));
});

describe("a returned suggestion takes nothing further", () => {
  it.each([
    ["revise", revise()],
    ["pre-review", preReview()],
    ["assign", assign()],
    ["publish by the office", publish(office)],
    ["evaluate", evaluate()],
    ["extend", extend()],
  ] as const)("%s -> 409", (_name, command) => spec.given(returned()).when(command).thenThrows("CONFLICT"));
  // It was never assigned: no unit is on it, and a unit learns nothing of its state.
  it.each([
    ["step", recordStep()],
    ["reply", reply()],
    ["publish", publish()],
  ] as const)("%s by a unit -> 403", (_name, command) => spec.given(returned()).when(command).thenThrows("FORBIDDEN"));
});

describe("a closed suggestion takes no further handling", () => {
  it.each([
    ["revise", revise()],
    ["pre-review", preReview()],
    ["assign", assign()],
    ["step", recordStep()],
    ["reply", reply()],
    ["evaluate", evaluate()],
    ["extend", extend()],
  ] as const)("%s -> 409", (_name, command) => spec.given(closed()).when(command).thenThrows("CONFLICT"));
});

describe("the full lifecycle folds to the expected state", () => {
  it("submitted → revised → accepted → assigned → extended → replied → published → unsatisfied → replied → satisfied", () => {
    const events = [
      submitted(),
      preReviewed("revise"),
      revised(),
      preReviewed("accept", "2024-01-25T10:00:00+08:00"),
      assigned({ complex: true, dueAt: "2024-09-01T23:59:59.999+08:00" }),
      step({ kind: "head-led" }),
      step({ unitId: CO_UNIT, kind: "co-unit-opinion" }),
      extended({ previousDueAt: "2024-09-01T23:59:59.999+08:00", newDueAt: "2024-10-01T23:59:59.999+08:00" }),
      replied(),
      published(),
      evaluated("unsatisfied"),
      replied({ round: 2, repliedAt: "2024-07-01T10:00:00+08:00", category: "B" }),
      evaluated("basically-satisfied", { round: 2, evaluatedAt: "2024-07-05T10:00:00+08:00" }),
    ];
    const state = foldEvents(suggestionDecider, events);
    expect(state).toMatchObject({
      status: "closed",
      round: 2,
      lastSubmittedAt: "2024-01-20T10:00:00+08:00",
      assignment: { leadUnitId: LEAD_UNIT, coUnitIds: [CO_UNIT], complex: true, policy: { name: "national-default", version: 1 } },
      dueAt: "2024-07-10T23:59:59.999+08:00",
    });
    expect(state.replies).toEqual([
      { round: 1, unitId: LEAD_UNIT, category: "A", repliedAt: "2024-05-20T10:00:00+08:00", published: true, rating: "unsatisfied" },
      { round: 2, unitId: LEAD_UNIT, category: "B", repliedAt: "2024-07-01T10:00:00+08:00", published: false, rating: "basically-satisfied" },
    ]);
  });
});
