import { isoWithOffset, todayInShanghai } from "../../format.js";
import type { Translate } from "../../i18n.js";
import { useFormErrors, type FormErrors } from "../../shell/form-errors.js";

/**
 * What the office's forms share: the time an act is recorded at from a day picked
 * (`YYYY-MM-DD`: today means now, an earlier day its noon in Shanghai, so a claimed time is
 * never in the future), and refusals at their field — by the problem's failing paths, and a
 * refusal whose code concerns one field (`extension-after-due`, `domain-rule`, `conflict`) at
 * that field, as the user's sentence for the code.
 */

export const actedAt = (day: string, now = new Date()): string => (day === todayInShanghai(now) ? isoWithOffset(now) : `${day}T12:00:00+08:00`);

/** A due date picked (`YYYY-MM-DD`): the end of that day in Shanghai. */
export const dueAtOf = (day: string): string => `${day}T23:59:59+08:00`;

export interface OfficeFormErrors extends FormErrors {
  /** The message for the field `path`: its own failing paths, or the refusal when its code concerns that field. */
  at(path: string): string;
  /** The fields whose messages are shown at their item (for `ProblemAlert :shown`). */
  readonly shown: readonly string[];
}

export const useOfficeFormErrors = (t: Translate, fields: readonly string[], codeField: Readonly<Record<string, string>> = {}): OfficeFormErrors => {
  const errors = useFormErrors(() => t);
  const codeShownAt = (path: string): boolean => {
    const code = errors.problem.value?.code;
    return code !== undefined && codeField[code] === path;
  };
  return {
    ...errors,
    shown: fields,
    at(path) {
      // A refusal this field is the cause of reads in the user's language (the server's own
      // message for the path stays in the alert's detail).
      if (codeShownAt(path)) return errors.problem.value?.message ?? "";
      return errors.fieldError(path);
    },
  };
};

/** A fresh id for an act the office records (`supervisionId`, `rankingId`): the prefix, the day and a random tail. */
export const freshId = (prefix: string, now = new Date()): string =>
  `${prefix}-${todayInShanghai(now).replaceAll("-", "")}-${Math.random().toString(36).slice(2, 8)}`;
