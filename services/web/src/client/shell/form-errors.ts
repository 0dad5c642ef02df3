import { shallowRef, type ShallowRef } from "vue";
import type { Translate } from "../i18n.js";
import { explain, type Explained } from "../problems.js";

/**
 * A form's refusal, kept beside the form (never in its place, so the reader can correct and
 * send again): `fieldError("unitId")` is the message for `<ElFormItem :error>` (a field's own
 * path or any path under it: `opinions` shows `opinions.0.text`); `problem` is the whole
 * explanation for a `<ProblemAlert>` inside the form (`:shown` lists the fields already at
 * their item, so they are not repeated).
 */
export interface FormErrors {
  readonly problem: ShallowRef<Explained | null>;
  fieldError(path: string): string;
  /** Keeps `error` explained (call it in the `catch` of a submit). */
  fail(error: unknown): void;
  clear(): void;
}

export const useFormErrors = (t: () => Translate): FormErrors => {
  const problem = shallowRef<Explained | null>(null);
  return {
    problem,
    fieldError(path) {
      const fields = problem.value?.fields ?? {};
      return Object.entries(fields)
        .filter(([failing]) => failing === path || failing.startsWith(`${path}.`))
        .map(([, message]) => message)
        .join("; ");
    },
    fail(error) {
      problem.value = explain(t(), error);
    },
    clear() {
      problem.value = null;
    },
  };
};
