import type { IndicatorKey, SuggestionAnswer, UnitIndicatorAnswer } from "../../api-answers.js";
import { dateOf } from "../../format.js";
import type { Translate } from "../../i18n.js";

/**
 * Why a suggestion counts (or not) in a unit's indicator, in words, from the suggestion as the
 * API gives it and its contribution to the indicator (docs/scoring.md's definitions). Where
 * the document cannot say more, the contribution's own figures.
 */
type Contribution = UnitIndicatorAnswer["contributions"][number];

const firstReplyAt = (s: SuggestionAnswer): string | undefined => [...s.replies].sort((a, b) => a.repliedAt.localeCompare(b.repliedAt))[0]?.repliedAt;

export const whyCounted = (t: Translate, key: IndicatorKey, unitId: string, s: SuggestionAnswer | undefined, c: Contribution | undefined): string => {
  const counted = c !== undefined && c.numerator > 0;
  const fallback = counted ? t("why.counted", { numerator: c.numerator, denominator: c.denominator }) : t("why.notCounted");
  if (s === undefined) return fallback;
  const steps = s.steps.filter((step) => step.unitId === unitId);
  switch (key) {
    case "attention": {
      const plan = steps.find((step) => step.kind === "plan");
      return plan === undefined ? t("why.attention.no") : t("why.attention.yes", { date: dateOf(plan.occurredAt) });
    }
    case "completion": {
      const replied = firstReplyAt(s);
      const due = dateOf(s.dueAt);
      if (replied === undefined) return t("why.completion.none", { due });
      return counted ? t("why.completion.onTime", { replied: dateOf(replied), due }) : t("why.completion.late", { replied: dateOf(replied), due });
    }
    case "consultation": {
      const met = steps.find((step) => step.kind === "consultation" && step.deputyPresent === true);
      return counted && met !== undefined ? t("why.consultation.yes", { date: dateOf(met.occurredAt) }) : t("why.consultation.no");
    }
    case "satisfaction": {
      const latest = [...s.evaluations].sort((a, b) => b.evaluatedAt.localeCompare(a.evaluatedAt))[0];
      if (latest === undefined || c === undefined) return fallback;
      return t("why.satisfaction", { rating: t(`rating.${latest.rating}`), points: Math.round((c.numerator / Math.max(1, c.denominator)) * 100) / 100 });
    }
    case "resolution": {
      const latest = [...s.replies].sort((a, b) => b.repliedAt.localeCompare(a.repliedAt))[0];
      if (latest === undefined) return fallback;
      return counted ? t("why.resolution.yes", { category: latest.category }) : t("why.resolution.no", { category: latest.category });
    }
    case "publication": {
      const published = s.publications[0];
      return counted && published !== undefined ? t("why.publication.yes", { date: dateOf(published.publishedAt) }) : t("why.publication.no");
    }
    case "digital":
      return c === undefined ? fallback : t("why.digital", { timely: c.numerator, total: c.denominator });
    default: {
      const _exhaustive: never = key;
      return String(_exhaustive);
    }
  }
};
