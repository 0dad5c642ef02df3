import { answerOf, type Api } from "../api.js";
import { coUnitOnlyStepKinds, evaluationRatings, handlingStepKinds, recordedVias, replyCategories } from "@duty-ledger/domain/vocabulary";
import type { SuggestionAnswer, WriteAnswer } from "../api-answers.js";
import { chosenValue, field, formValue, h, input, render, select, type Child } from "../dom.js";
import { dateOf, dateTimeOf, fromLocalDateTime, isoWithOffset, localDateTimeValue } from "../format.js";
import type { Translate } from "../i18n.js";
import { errorBox, facts, statusBadge } from "./common.js";
import { noUnitNames, unitLabel, unitLabels, type UnitNames } from "./unit-names.js";

/**
 * A suggestion as a card: title, status, due date, the lead unit, the latest reply and
 * evaluation, and the handling steps (folded). With `forms`, the card carries the forms its
 * reader may use (a lead deputy's evaluation; a lead unit's step and reply) and redraws itself
 * from the API once a form is accepted (waiting for the projection with `minPosition`).
 * Units appear by name when `unitNames` has them (the id small beside), else by id.
 */

export interface CardContext {
  readonly api: Api;
  readonly t: Translate;
  /** The reader: a deputy (their role on it is shown, and the evaluation form when they lead it) or a unit. */
  readonly reader: { readonly role: "deputy" | "unit" | "overseer"; readonly id: string };
  /** Show the forms of `reader`. */
  readonly forms: boolean;
  /** Show everything unfolded (the suggestion's own page). */
  readonly full?: boolean;
  /** Registered unit names (unit-names.ts); without them units show as ids. */
  readonly unitNames?: UnitNames;
}

const isHandling = (s: SuggestionAnswer): boolean => s.state === "assigned" || s.state === "rehandling";

const dueText = (t: Translate, s: SuggestionAnswer): string => {
  if (s.dueAt === null) return "—";
  if (!isHandling(s) || s.daysToDue === null) return dateOf(s.dueAt);
  return `${dateOf(s.dueAt)}（${s.daysToDue < 0 ? t("suggestion.daysOverdue", { n: -s.daysToDue }) : t("suggestion.daysToDue", { n: s.daysToDue })}）`;
};

const stepList = (t: Translate, names: UnitNames, s: SuggestionAnswer): HTMLElement =>
  s.steps.length === 0
    ? h("p", { class: "muted", text: t("suggestion.noSteps") })
    : h(
        "ol",
        { class: "steps" },
        s.steps.map((step) =>
          h(
            "li",
            { data: { kind: step.kind } },
            h("time", { text: dateTimeOf(step.occurredAt) }),
            " ",
            h("strong", { text: t(`step.${step.kind}`) }),
            " · ",
            h("span", { data: { unitId: step.unitId } }, unitLabel(names, step.unitId)),
            " · ",
            h("span", { class: "muted", text: t(`via.${step.recordedVia}`) }),
            step.note === null ? null : h("div", { class: "note", text: step.note }),
          ),
        ),
      );

const replyList = (t: Translate, s: SuggestionAnswer): HTMLElement =>
  h(
    "ol",
    { class: "replies" },
    s.replies.map((reply) =>
      h(
        "li",
        { data: { category: reply.category } },
        h("time", { text: dateTimeOf(reply.repliedAt) }),
        " ",
        h("strong", { text: t(`category.${reply.category}`) }),
        " · ",
        t("suggestion.round", { n: reply.round }),
        h("div", { class: "note", text: reply.text }),
      ),
    ),
  );

const summaryFacts = (t: Translate, names: UnitNames, s: SuggestionAnswer, full: boolean): HTMLElement => {
  const reply = s.replies[s.replies.length - 1];
  const evaluation = s.evaluations[s.evaluations.length - 1];
  const rows: [string, Child][] = [
    [t("suggestion.dueAt"), h("span", { class: s.overdue ? "overdue" : "", data: { field: "dueAt" }, text: dueText(t, s) })],
    [t("suggestion.leadUnit"), s.units === null ? "—" : h("span", { data: { field: "leadUnit", unitId: s.units.leadUnitId } }, unitLabel(names, s.units.leadUnitId))],
    [
      t("suggestion.reply"),
      reply === undefined
        ? h("span", { class: "muted", text: t("suggestion.noReply") })
        : h("span", { data: { field: "reply", category: reply.category } }, `${t(`category.${reply.category}`)} · ${dateOf(reply.repliedAt)}`),
    ],
    [
      t("suggestion.evaluation"),
      evaluation === undefined
        ? h("span", { class: "muted", text: t("suggestion.noEvaluation") })
        : h("span", { data: { field: "evaluation", rating: evaluation.rating } }, `${t(`rating.${evaluation.rating}`)} · ${dateOf(evaluation.evaluatedAt)}`),
    ],
  ];
  if (full) {
    rows.push(
      [t("suggestion.lead"), s.leadDeputyId ?? "—"],
      [t("suggestion.coSigners"), s.coSignerIds.length === 0 ? t("common.none") : s.coSignerIds.join("、")],
      [t("suggestion.coUnits"), s.units === null || s.units.coUnitIds.length === 0 ? t("common.none") : h("span", { data: { field: "coUnits" } }, unitLabels(names, s.units.coUnitIds, "、"))],
      [t("suggestion.submittedAt"), dateTimeOf(s.submittedAt)],
      [t("suggestion.assignedAt"), dateTimeOf(s.assignedAt)],
      [t("suggestion.published"), s.publications.length === 0 ? t("common.no") : dateOf(s.publications[s.publications.length - 1]?.publishedAt)],
    );
    if (s.extensions.length > 0) rows.push([t("suggestion.extensions"), s.extensions.map((e) => `${dateOf(e.previousDueAt)} → ${dateOf(e.newDueAt)}（${e.reason}）`).join("；")]);
  }
  return facts(rows);
};

type Submit = (form: HTMLFormElement) => Promise<WriteAnswer>;

/** A form whose submission goes through `submit`; errors are shown in it, success redraws the card. */
const writeForm = (
  t: Translate,
  name: string,
  title: string,
  controls: readonly HTMLElement[],
  submitLabel: string,
  submit: Submit,
  done: (answer: WriteAnswer) => Promise<void>,
): HTMLElement => {
  const status = h("div", { class: "form-status" });
  const button = h("button", { class: "primary", text: submitLabel, attrs: { type: "submit" } });
  const form = h(
    "form",
    {
      class: "write-form",
      data: { form: name },
      onSubmit: (event) => {
        event.preventDefault();
        button.disabled = true;
        render(status);
        submit(form)
          .then(done)
          .catch((error: unknown) => {
            render(status, errorBox(t, error));
            button.disabled = false;
          });
      },
    },
    controls,
    h("div", { class: "form-actions" }, button),
    status,
  );
  return h("details", { class: "form-panel", data: { panel: name } }, h("summary", { text: title }), form);
};

const evaluationForm = (ctx: CardContext, s: SuggestionAnswer, done: (answer: WriteAnswer) => Promise<void>): HTMLElement => {
  const { t, api } = ctx;
  return writeForm(
    t,
    "evaluate",
    t("evaluate.title"),
    [
      field(t("evaluate.rating"), select("rating", evaluationRatings.map((r) => [r, t(`rating.${r}`)] as const), "satisfied")),
      field(t("evaluate.comment"), h("textarea", { attrs: { name: "comment", rows: 2, maxlength: 2000 } })),
    ],
    t("evaluate.submit"),
    (form) => {
      const comment = formValue(form, "comment").trim();
      const body = { rating: chosenValue(form, "rating", evaluationRatings), evaluatedAt: isoWithOffset(new Date()), ...(comment === "" ? {} : { comment }) };
      return answerOf(api.POST("/v1/suggestions/{id}/evaluation", { params: { path: { id: s.suggestionId } }, body }));
    },
    done,
  );
};

const stepForm = (ctx: CardContext, s: SuggestionAnswer, done: (answer: WriteAnswer) => Promise<void>): HTMLElement => {
  const { t, api } = ctx;
  const isLead = s.units?.leadUnitId === ctx.reader.id;
  const kinds = handlingStepKinds.filter((kind) => !(isLead && coUnitOnlyStepKinds.includes(kind)));
  return writeForm(
    t,
    "step",
    t("unit.recordStep"),
    [
      field(t("unit.stepKind"), select("kind", kinds.map((k) => [k, t(`step.${k}`)] as const), "progress")),
      field(t("unit.occurredAt"), input("occurredAt", "datetime-local", localDateTimeValue(new Date()), { required: true })),
      field(t("unit.recordedVia"), select("recordedVia", recordedVias.map((v) => [v, t(`via.${v}`)] as const), "online")),
      h("label", { class: "check" }, input("deputyPresent", "checkbox"), h("span", { text: t("unit.deputyPresent") })),
      field(t("unit.note"), h("textarea", { attrs: { name: "note", rows: 2, maxlength: 2000 } })),
    ],
    t("common.submit"),
    (form) => {
      const note = formValue(form, "note").trim();
      const kind = chosenValue(form, "kind", kinds);
      const body = {
        unitId: ctx.reader.id,
        kind,
        occurredAt: fromLocalDateTime(formValue(form, "occurredAt")) ?? "",
        recordedVia: chosenValue(form, "recordedVia", recordedVias),
        ...(note === "" ? {} : { note }),
        ...(kind === "consultation" ? { deputyPresent: formValue(form, "deputyPresent") === "on" } : {}),
      };
      return answerOf(api.POST("/v1/suggestions/{id}/steps", { params: { path: { id: s.suggestionId } }, body }));
    },
    done,
  );
};

const replyForm = (ctx: CardContext, s: SuggestionAnswer, done: (answer: WriteAnswer) => Promise<void>): HTMLElement => {
  const { t, api } = ctx;
  return writeForm(
    t,
    "reply",
    t("unit.reply"),
    [
      field(t("unit.category"), select("category", replyCategories.map((c) => [c, t(`category.${c}`)] as const), "A")),
      field(t("unit.repliedAt"), input("repliedAt", "datetime-local", localDateTimeValue(new Date()), { required: true })),
      field(t("unit.replyText"), h("textarea", { attrs: { name: "text", rows: 4, required: true, maxlength: 20000 } })),
    ],
    t("common.submit"),
    (form) =>
      answerOf(
        api.POST("/v1/suggestions/{id}/reply", {
          params: { path: { id: s.suggestionId } },
          body: {
            unitId: ctx.reader.id,
            category: chosenValue(form, "category", replyCategories),
            repliedAt: fromLocalDateTime(formValue(form, "repliedAt")) ?? "",
            text: formValue(form, "text").trim(),
          },
        }),
      ),
    done,
  );
};

/** The card, inside a slot that it redraws after a write. */
export const suggestionCard = (ctx: CardContext, initial: SuggestionAnswer): HTMLElement => {
  const { t } = ctx;
  const names = ctx.unitNames ?? noUnitNames;
  const slot = h("article", { class: "suggestion" });

  const draw = (s: SuggestionAnswer, notice?: string): void => {
    slot.dataset["suggestionId"] = s.suggestionId;
    slot.dataset["state"] = s.state ?? "none";
    slot.dataset["status"] = s.status;
    const refresh =
      (message: string) =>
      async (answer: WriteAnswer): Promise<void> => {
        const fresh = await answerOf(ctx.api.GET("/v1/suggestions/{id}", { params: { path: { id: s.suggestionId }, query: { minPosition: String(answer.position) } } }));
        draw(fresh, message);
      };
    const forms: HTMLElement[] = [];
    if (ctx.forms && ctx.reader.role === "deputy" && s.leadDeputyId === ctx.reader.id && s.state === "replied") {
      forms.push(evaluationForm(ctx, s, refresh(t("evaluate.done"))));
    }
    if (ctx.forms && ctx.reader.role === "unit") {
      if (isHandling(s)) {
        forms.push(stepForm(ctx, s, refresh(t("unit.stepSaved"))));
        if (s.units?.leadUnitId === ctx.reader.id) forms.push(replyForm(ctx, s, refresh(t("unit.replySaved"))));
      } else if (s.state !== "replied" && s.state !== "closed") {
        forms.push(h("p", { class: "muted", text: t("unit.notHandling") }));
      }
    }
    const myRole =
      ctx.reader.role === "deputy"
        ? s.leadDeputyId === ctx.reader.id
          ? t("suggestion.role.lead")
          : s.coSignerIds.includes(ctx.reader.id)
            ? t("suggestion.role.coSigner")
            : null
        : null;
    const full = ctx.full === true;
    const body = s.revisions?.[s.revisions.length - 1]?.body ?? s.submissions[s.submissions.length - 1]?.body;
    render(
      slot,
      h(
        "header",
        { class: "suggestion-head" },
        h("h3", {}, full ? (s.title ?? s.suggestionId) : h("a", { attrs: { href: `#/suggestion/${encodeURIComponent(s.suggestionId)}` }, text: s.title ?? s.suggestionId })),
        h(
          "div",
          { class: "suggestion-tags" },
          statusBadge(t, s.status),
          myRole === null ? null : h("span", { class: "tag", text: myRole }),
          s.confidential ? h("span", { class: "tag", text: t("suggestion.confidential") }) : null,
          h("code", { class: "id", text: s.suggestionId }),
        ),
      ),
      notice === undefined ? null : h("p", { class: "notice", role: "status", text: notice }),
      summaryFacts(t, names, s, full),
      full && body !== undefined ? h("section", { class: "body-text" }, h("h4", { text: t("suggestion.body") }), h("p", { text: body })) : null,
      full
        ? [h("h4", { text: t("suggestion.steps") }), stepList(t, names, s), s.replies.length > 0 ? [h("h4", { text: t("suggestion.reply") }), replyList(t, s)] : null]
        : h(
            "details",
            { class: "steps-panel" },
            h("summary", { text: `${t("suggestion.steps")}（${s.steps.length}）` }),
            stepList(t, names, s),
            s.replies.length > 0 ? replyList(t, s) : null,
          ),
      forms,
    );
  };
  draw(initial);
  return slot;
};
