import { ApiError, answerOf, type Api } from "../../api.js";
import type { AnswerOf } from "../../api-answers.js";
import { currentShanghaiYear, isoWithOffset } from "../../format.js";
import type { Translate } from "../../i18n.js";
import type { UnitNames } from "../../views/unit-names.js";
import { dayInstant, deadlineInstant, list, num, text, type FormSpec, type Values } from "./spec.js";

/** The acts of 民生实事项目票决 (livelihood.md) as forms: who may do each is the API's to say; the page offers each to the role that does it. */
export type Programme = AnswerOf<"/v1/livelihood/programmes/{id}">;

const newId = (prefix: string): string => `${prefix}-${Date.now().toString(36).toUpperCase()}`;

const unitOptions = (names: UnitNames, english: boolean) => {
  const collator = new Intl.Collator(english ? "en" : "zh-CN");
  return [...names].map(([value, label]) => ({ value, label, hint: value })).sort((a, b) => collator.compare(a.label, b.label));
};

export const openProgrammeForm = (api: Api): FormSpec => ({
  id: "programme",
  title: "livelihood.form.open",
  fields: [
    { name: "programmeId", label: "livelihood.field.programmeId", kind: "text", initial: () => newId("LP") },
    { name: "title", label: "livelihood.field.title", kind: "text" },
    { name: "year", label: "livelihood.field.year", kind: "number", initial: currentShanghaiYear() },
    { name: "session", label: "livelihood.field.session", kind: "text" },
    { name: "slots", label: "livelihood.field.slots", kind: "number" },
    { name: "electorateSize", label: "livelihood.field.electorateSize", kind: "number" },
    { name: "collectUntil", label: "livelihood.field.collectUntil", kind: "deadline" },
  ],
  send: (v: Values) =>
    answerOf(api.POST("/v1/livelihood/programmes", { body: { programmeId: text(v["programmeId"]), title: text(v["title"]), year: num(v["year"]), session: text(v["session"]), slots: num(v["slots"]), electorateSize: num(v["electorateSize"]), collectUntil: deadlineInstant(v["collectUntil"]) } })),
});

export const candidateForm = (api: Api, t: Translate, programmeId: string, names: UnitNames, english: boolean): FormSpec => ({
  id: "candidate",
  title: "livelihood.form.candidate",
  fields: [
    { name: "candidateId", label: "livelihood.field.candidateId", kind: "text", initial: () => newId("LC") },
    { name: "title", label: "livelihood.field.title", kind: "text" },
    { name: "description", label: "livelihood.field.description", kind: "textarea" },
    { name: "proposedBy", label: "livelihood.field.proposedBy", kind: "radio", initial: "public", options: (["deputy", "station", "unit", "public"] as const).map((kind) => ({ value: kind, label: t(`livelihood.proposedBy.${kind}`) })) },
    { name: "proposerId", label: "livelihood.field.proposerId", kind: "text" },
    { name: "estimatedBudgetYuan", label: "livelihood.field.estimatedBudgetYuan", kind: "number" },
    { name: "responsibleUnitId", label: "livelihood.field.responsibleUnitId", kind: "select", options: unitOptions(names, english) },
  ],
  send: (v) => {
    const kind = text(v["proposedBy"]) as "deputy" | "station" | "unit" | "public";
    const id = text(v["proposerId"]);
    return answerOf(
      api.POST("/v1/livelihood/programmes/{id}/candidates", {
        params: { path: { id: programmeId } },
        body: { candidateId: text(v["candidateId"]), title: text(v["title"]), description: text(v["description"]), proposedBy: id === "" ? { kind } : { kind, id }, estimatedBudgetYuan: num(v["estimatedBudgetYuan"]), responsibleUnitId: text(v["responsibleUnitId"]) },
      }),
    );
  },
});

export const shortlistForm = (api: Api, programme: Programme): FormSpec => ({
  id: "shortlist",
  title: "livelihood.form.shortlist",
  fields: [
    { name: "candidateIds", label: "livelihood.field.candidateIds", kind: "multi", options: programme.candidates.map((c) => ({ value: c.candidateId, label: c.title })) },
    { name: "decidedAt", label: "livelihood.field.decidedAt", kind: "day" },
    { name: "reason", label: "livelihood.field.reason", kind: "textarea" },
  ],
  send: (v) =>
    answerOf(api.POST("/v1/livelihood/programmes/{id}/shortlist", { params: { path: { id: programme.programmeId } }, body: { candidateIds: list(v["candidateIds"]), decidedAt: dayInstant(v["decidedAt"]), reason: text(v["reason"]) } })),
});

export const attendanceForm = (api: Api, programmeId: string): FormSpec => ({
  id: "attendance",
  title: "livelihood.form.attendance",
  fields: [
    { name: "deputyIds", label: "livelihood.field.deputyIds", kind: "tags" },
    { name: "at", label: "livelihood.field.at", kind: "day" },
  ],
  send: (v) => answerOf(api.POST("/v1/livelihood/programmes/{id}/attendance", { params: { path: { id: programmeId } }, body: { deputyIds: list(v["deputyIds"]), at: dayInstant(v["at"]) } })),
});

/** A teller's count: the valid ballots and, per shortlisted candidate, its yes and no votes (the rest abstain), made into ballots. */
export const ballotBoxForm = (api: Api, t: Translate, programme: Programme): FormSpec => {
  const shortlisted = programme.candidates.filter((c) => programme.shortlist?.candidateIds.includes(c.candidateId) ?? false);
  return {
    id: "ballot-box",
    title: "livelihood.form.ballotBox",
    fields: [
      { name: "boxId", label: "livelihood.field.boxId", kind: "text", initial: () => newId("BOX") },
      { name: "countedAt", label: "livelihood.field.countedAt", kind: "day" },
      { name: "ballots", label: "livelihood.field.ballots", kind: "number" },
      { name: "invalid", label: "livelihood.field.invalid", kind: "number", initial: 0 },
      ...shortlisted.flatMap((c) => [
        { name: `yes.${c.candidateId}`, label: "livelihood.field.tally" as const, labelParams: { title: `${c.title} · ${t("livelihood.result.yes")}` }, kind: "number" as const },
        { name: `no.${c.candidateId}`, label: "livelihood.field.tally" as const, labelParams: { title: `${c.title} · ${t("livelihood.result.no")}` }, kind: "number" as const, initial: 0 },
      ]),
    ],
    send: (v) => {
      const total = num(v["ballots"]);
      const counts = shortlisted.map((c) => ({ id: c.candidateId, yes: num(v[`yes.${c.candidateId}`]) || 0, no: num(v[`no.${c.candidateId}`]) || 0 }));
      if (!Number.isInteger(total) || counts.some((c) => c.yes + c.no > total))
        return Promise.reject(new ApiError(400, { code: "validation", errors: [{ path: "ballots", message: t("livelihood.tallyMismatch") }] }, "tally"));
      const ballots = Array.from({ length: total }, (_, i) => ({ choices: Object.fromEntries(counts.map((c) => [c.id, i < c.yes ? "yes" : i < c.yes + c.no ? "no" : "abstain"] as const)) }));
      return answerOf(api.POST("/v1/livelihood/programmes/{id}/ballot-boxes", { params: { path: { id: programme.programmeId } }, body: { boxId: text(v["boxId"]), countedAt: dayInstant(v["countedAt"]), ballots, invalid: num(v["invalid"]) || 0 } }));
    },
  };
};

export const closeVoteForm = (api: Api, programmeId: string): FormSpec => ({
  id: "close-vote",
  title: "livelihood.form.closeVote",
  confirm: "livelihood.confirm.closeVote",
  fields: [{ name: "closedAt", label: "livelihood.field.closedAt", kind: "day" }],
  send: (v) => answerOf(api.POST("/v1/livelihood/programmes/{id}/close-vote", { params: { path: { id: programmeId } }, body: { closedAt: dayInstant(v["closedAt"]) } })),
});

export const roundForm = (api: Api, programmeId: string): FormSpec => ({
  id: "round",
  title: "livelihood.form.round",
  fields: [
    { name: "roundId", label: "livelihood.field.roundId", kind: "text", initial: () => newId("R") },
    { name: "opensAt", label: "livelihood.field.opensAt", kind: "day" },
    { name: "closesAt", label: "livelihood.field.closesAt", kind: "deadline" },
  ],
  send: (v) => answerOf(api.POST("/v1/livelihood/programmes/{id}/evaluation-rounds", { params: { path: { id: programmeId } }, body: { roundId: text(v["roundId"]), opensAt: dayInstant(v["opensAt"]), closesAt: deadlineInstant(v["closesAt"]) } })),
});

const projectOptions = (projects: readonly Programme["projects"][number][]) => projects.map((p) => ({ value: p.projectId, label: p.title }));

export const milestoneForm = (api: Api, projects: Programme["projects"]): FormSpec => ({
  id: "milestone",
  title: "livelihood.form.milestone",
  fields: [
    { name: "project", label: "livelihood.field.project", kind: "select", options: projectOptions(projects) },
    { name: "milestoneId", label: "livelihood.field.milestoneId", kind: "text", initial: () => newId("M") },
    { name: "title", label: "livelihood.field.title", kind: "text" },
    { name: "dueAt", label: "livelihood.field.dueAt", kind: "deadline" },
  ],
  send: (v) => answerOf(api.POST("/v1/livelihood/projects/{id}/milestones", { params: { path: { id: text(v["project"]) } }, body: { milestoneId: text(v["milestoneId"]), title: text(v["title"]), dueAt: deadlineInstant(v["dueAt"]) } })),
});

export const progressForm = (api: Api, projects: Programme["projects"]): FormSpec => ({
  id: "progress",
  title: "livelihood.form.progress",
  fields: [
    { name: "project", label: "livelihood.field.project", kind: "select", options: projectOptions(projects) },
    { name: "percent", label: "livelihood.field.percent", kind: "number" },
    { name: "spentYuan", label: "livelihood.field.spentYuan", kind: "number" },
    { name: "note", label: "livelihood.field.note", kind: "textarea" },
    { name: "reportedAt", label: "livelihood.field.reportedAt", kind: "day" },
  ],
  send: (v) => answerOf(api.POST("/v1/livelihood/projects/{id}/progress", { params: { path: { id: text(v["project"]) } }, body: { percent: num(v["percent"]), spentYuan: num(v["spentYuan"]), note: text(v["note"]), reportedAt: dayInstant(v["reportedAt"]) } })),
});

export const evaluationForm = (api: Api, t: Translate, programme: Programme): FormSpec => ({
  id: "evaluate",
  title: "livelihood.form.evaluate",
  confirm: "livelihood.confirm.evaluate",
  fields: [
    { name: "project", label: "livelihood.field.project", kind: "select", options: projectOptions(programme.projects) },
    { name: "roundId", label: "livelihood.field.round", kind: "select", options: programme.rounds.map((r) => ({ value: r.roundId, label: r.roundId, hint: `${r.opensAt.slice(0, 10)} – ${r.closesAt.slice(0, 10)}` })), initial: programme.rounds.at(-1)?.roundId ?? "" },
    { name: "rating", label: "livelihood.field.rating", kind: "radio", initial: "satisfied", options: (["satisfied", "basically-satisfied", "unsatisfied"] as const).map((r) => ({ value: r, label: t(`livelihood.rating.${r}`) })) },
  ],
  send: (v) =>
    answerOf(api.POST("/v1/livelihood/projects/{id}/evaluations", { params: { path: { id: text(v["project"]) } }, body: { roundId: text(v["roundId"]), rating: text(v["rating"]) as "satisfied" | "basically-satisfied" | "unsatisfied", evaluatedAt: isoWithOffset(new Date()) } })),
});
