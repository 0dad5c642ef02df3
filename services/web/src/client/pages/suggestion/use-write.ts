import type { ShallowRef } from "vue";
import type { WriteAnswer } from "../../api-answers.js";
import { useFormErrors, type FormErrors } from "../../shell/form-errors.js";
import type { Translate } from "../../i18n.js";
import { useSubmission } from "../../shell/use-submission.js";

/**
 * A form's submission: `busy` while the call runs, its refusal kept in `errors` (shown at the
 * field in the reader's language; the form stays filled in), and `done(answer)` once accepted (the view reads again
 * with `minPosition`).
 */
export interface Write {
  readonly busy: ShallowRef<boolean>;
  readonly errors: FormErrors;
  run(call: () => Promise<WriteAnswer>): Promise<WriteAnswer | null>;
}

/**
 * The server's message for a field is English and technical: the reader sees it in their language
 * ("required" for an empty field; otherwise "not valid" with the server's words beside).
 */
const readable = (t: Translate, message: string): string => {
  if (message === "") return "";
  if (/empty|required/i.test(message)) return t("deputy-unit.required");
  return t("deputy-unit.invalid", { detail: message });
};

export const useWrite = (t: () => Translate, done: (answer: WriteAnswer) => void): Write => {
  const shown = useFormErrors(t);
  const errors: FormErrors = { ...shown, fieldError: (path) => readable(t(), shown.fieldError(path)) };
  const submission = useSubmission(errors);
  return {
    busy: submission.busy,
    errors,
    run: (call) =>
      submission.run(async () => {
        const answer = await call();
        done(answer);
        return answer;
      }),
  };
};
