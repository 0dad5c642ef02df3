import { isApiError } from "./api.js";
import { isShellKey, type Translate } from "./i18n.js";

/**
 * What a failed call means to the reader, in their language: from the problem+json `code`
 * (`validation`, `domain-rule`, `claimed-time-outside-grace`, …; api-v1.md's error kinds),
 * with the server's own `detail` kept as a second line, and the failing fields by their path
 * (`unitId`, `opinions.0.text`) so a form shows each message next to its field.
 */
export interface Explained {
  /** The sentence for the reader (by the problem's code, status or the network failing). */
  readonly message: string;
  /** The server's `detail` (English, technical), or the error's message; `""` when none. */
  readonly detail: string;
  /** The HTTP status (0: no answer). */
  readonly status: number;
  readonly code: string | undefined;
  /** Failing fields: path → the server's message. */
  readonly fields: Readonly<Record<string, string>>;
}

export const explain = (t: Translate, error: unknown): Explained => {
  if (!isApiError(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { message: t("error.title"), detail, status: -1, code: undefined, fields: {} };
  }
  if (error.status === 0) return { message: t("problem.network"), detail: error.message, status: 0, code: undefined, fields: {} };
  const problem = error.problem;
  const code = problem?.code;
  const key = code === undefined ? undefined : `problem.${code}`;
  const message =
    key !== undefined && isShellKey(key)
      ? t(key)
      : error.status >= 500
        ? t("problem.server", { requestId: problem?.requestId ?? "—" })
        : t("problem.other", { status: error.status });
  const fields: Record<string, string> = {};
  for (const failing of problem?.errors ?? []) {
    const path = failing.path === "" ? "" : failing.path;
    fields[path] = fields[path] === undefined ? failing.message : `${fields[path]}; ${failing.message}`;
  }
  return { message, detail: problem?.detail ?? error.message, status: error.status, code, fields };
};
