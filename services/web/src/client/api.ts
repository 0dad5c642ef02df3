import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./api-schema.js";

/**
 * The page's calls to the HTTP API (api-v1.md), on the page's origin, with the bearer token:
 * typed by the API document (api-schema.ts, generated), so a path, a parameter or an answer
 * the document does not have is a type error. Every failure becomes an `ApiError` carrying the
 * problem+json document when there is one (`answer`).
 */

export interface ProblemDocument {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  /** The kind of problem (`validation`, `domain-rule`, …): what the page explains in the reader's language. */
  readonly code?: string;
  readonly requestId?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDocument | null,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** The API as the page calls it: openapi-fetch over the types generated from the API document. */
export type Api = Client<paths>;

export interface ApiOptions {
  readonly token: string | null;
  /** Called on any 401 (the token expired or was refused). */
  readonly onUnauthorized?: () => void;
}

export const createApi = (options: ApiOptions): Api => {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.token !== null) headers["Authorization"] = `Bearer ${options.token}`;
  const api = createClient<paths>({ baseUrl: location.origin, headers, cache: "no-store" });
  api.use({
    onResponse: ({ response }) => {
      if (response.status === 401) options.onUnauthorized?.();
    },
  });
  return api;
};

/**
 * The answer of a call, or an `ApiError` carrying the problem+json document: a refusal
 * (status, problem) or no answer at all (status 0, the network failed).
 */
export async function answerOf<T>(call: Promise<{ readonly data?: T; readonly error?: unknown; readonly response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (error) {
    throw new ApiError(0, null, error instanceof Error ? error.message : String(error));
  }
  if (result.response.ok) return result.data as T;
  const problem = typeof result.error === "object" && result.error !== null ? (result.error as ProblemDocument) : null;
  throw new ApiError(result.response.status, problem, problem?.detail ?? result.response.statusText);
}

/** Runs `task` over `items`, at most `limit` at a time, results in the order of `items`. */
export const mapLimited = async <T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
