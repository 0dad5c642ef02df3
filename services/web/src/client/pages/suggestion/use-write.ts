import { shallowRef, type ShallowRef } from "vue";
import type { WriteAnswer } from "../../api-answers.js";
import { useFormErrors, type FormErrors } from "../../shell/form-errors.js";
import type { Translate } from "../../i18n.js";

/**
 * A form's submission: `busy` while the call runs, its refusal kept in `errors` (shown at the
 * field; the form stays filled in), and `done(answer)` once accepted (the view reads again
 * with `minPosition`).
 */
export interface Write {
  readonly busy: ShallowRef<boolean>;
  readonly errors: FormErrors;
  run(call: () => Promise<WriteAnswer>): Promise<WriteAnswer | null>;
}

export const useWrite = (t: () => Translate, done: (answer: WriteAnswer) => void): Write => {
  const busy = shallowRef(false);
  const errors = useFormErrors(t);
  return {
    busy,
    errors,
    async run(call) {
      busy.value = true;
      errors.clear();
      try {
        const answer = await call();
        done(answer);
        return answer;
      } catch (error) {
        errors.fail(error);
        return null;
      } finally {
        busy.value = false;
      }
    },
  };
};
