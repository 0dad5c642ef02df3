import { shallowRef, type ShallowRef } from "vue";

/**
 * What every form does around its own call: `busy` while it runs (its button shows it), the
 * last refusal cleared first, and a refusal kept explained beside the form, which stays filled
 * in so the reader can correct it and send again.
 */
export interface Submission {
  readonly busy: ShallowRef<boolean>;
  /** Runs `send`: its result, or `null` when it was refused or failed (then explained in the form's errors). */
  run<T>(send: () => Promise<T>): Promise<T | null>;
}

export const useSubmission = (errors: { clear(): void; fail(error: unknown): void }): Submission => {
  const busy = shallowRef(false);
  return {
    busy,
    async run(send) {
      busy.value = true;
      errors.clear();
      try {
        return await send();
      } catch (error) {
        errors.fail(error);
        return null;
      } finally {
        busy.value = false;
      }
    },
  };
};
