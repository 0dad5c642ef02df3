/**
 * The page's calls to the HTTP API (api-v1.md), on the page's origin, with the bearer token.
 * Every failure becomes an `ApiError` carrying the problem+json document when there is one.
 */

export interface ProblemDocument {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
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

export type Query = Readonly<Record<string, string | number | undefined | null>>;

export interface WriteAnswer {
  readonly id: string;
  readonly eventIds: readonly string[];
  readonly position: number;
}

export interface Api {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T = WriteAnswer>(path: string, body: unknown): Promise<T>;
}

export const withQuery = (path: string, query: Query = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === "" ? path : `${path}?${text}`;
};

const problemOf = async (response: Response): Promise<ProblemDocument | null> => {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return null;
  try {
    const body: unknown = await response.json();
    return typeof body === "object" && body !== null ? (body as ProblemDocument) : null;
  } catch {
    return null;
  }
};

export interface ApiOptions {
  readonly token: string | null;
  /** Called on any 401 (the token expired or was refused). */
  readonly onUnauthorized?: () => void;
}

export const createApi = (options: ApiOptions): Api => {
  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.token !== null) headers["Authorization"] = `Bearer ${options.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body), cache: "no-store" });
    } catch (error) {
      throw new ApiError(0, null, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      const problem = await problemOf(response);
      if (response.status === 401) options.onUnauthorized?.();
      throw new ApiError(response.status, problem, problem?.detail ?? response.statusText);
    }
    return (await response.json()) as T;
  };
  return {
    get: (path, query) => call("GET", withQuery(path, query)),
    post: (path, body) => call("POST", path, body),
  };
};

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
