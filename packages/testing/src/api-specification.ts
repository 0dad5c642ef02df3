import { expect } from "vitest";

/** A running API under test, and how to see whether anything was appended. */
export interface ApiTarget {
  readonly baseUrl: string;
  /** The event log's head position: a refused request must leave it unchanged. */
  headPosition(): Promise<number>;
}

export interface ApiRequest {
  readonly method?: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  readonly path: string;
  readonly token?: string | undefined;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is (takes precedence over `body`), e.g. malformed JSON or invalid UTF-8. */
  readonly rawBody?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body, or `undefined` when it was not JSON. */
  readonly body: unknown;
}

export const sendApiRequest = async (target: ApiTarget, request: ApiRequest): Promise<ApiResponse> => {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token !== undefined) headers["authorization"] = `Bearer ${request.token}`;
  let body: string | Uint8Array | undefined;
  if (request.rawBody !== undefined) body = request.rawBody;
  else if (request.body !== undefined) body = JSON.stringify(request.body);
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  const response = await fetch(new URL(request.path, target.baseUrl), {
    method: request.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
};

export interface RefusalExpectation {
  /** Field paths the problem's `errors` must name (400/422). */
  readonly fields?: readonly string[];
}

export interface ApiThen {
  /** Runs the request and hands the response to `check`. */
  then(check: (response: ApiResponse) => void | Promise<void>): Promise<ApiResponse>;
  /** Expects a 2xx answer and that the log grew. */
  thenAccepted(status?: number): Promise<ApiResponse>;
  /** Expects problem+json with `status`, the named fields, and NOTHING appended. */
  thenRefused(status: number, expectation?: RefusalExpectation): Promise<ApiResponse>;
}

/**
 * Given/when/then for the HTTP API: `given` requests must succeed; `when` is the request under
 * test; `thenRefused` proves a refusal is problem+json and appended nothing.
 */
export const ApiSpecification = {
  for(target: ApiTarget) {
    const run = async (given: readonly ApiRequest[], when: ApiRequest) => {
      for (const request of given) {
        const response = await sendApiRequest(target, request);
        if (response.status < 200 || response.status >= 300) {
          throw new Error(`given ${request.method ?? "POST"} ${request.path} answered ${response.status}: ${response.text}`);
        }
      }
      const before = await target.headPosition();
      const response = await sendApiRequest(target, when);
      const after = await target.headPosition();
      return { response, before, after };
    };
    const given = (...requests: readonly ApiRequest[]) => ({
      when(request: ApiRequest): ApiThen {
        return {
          async then(check) {
            const { response } = await run(requests, request);
            await check(response);
            return response;
          },
          async thenAccepted(status) {
            const { response, before, after } = await run(requests, request);
            if (status === undefined) expect(response.status, response.text).toBeGreaterThanOrEqual(200);
            else expect(response.status, response.text).toBe(status);
            expect(response.status, response.text).toBeLessThan(300);
            expect(after, "the accepted request appended events").toBeGreaterThan(before);
            return response;
          },
          async thenRefused(status, expectation = {}) {
            const { response, before, after } = await run(requests, request);
            expect(response.status, response.text).toBe(status);
            expect(response.headers.get("content-type") ?? "").toContain("application/problem+json");
            expect(response.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
            if (expectation.fields !== undefined && expectation.fields.length > 0) {
              const named = ((response.body as { errors?: { path: string }[] }).errors ?? []).map((error) => error.path);
              for (const field of expectation.fields) expect(named, `errors of ${response.text}`).toContain(field);
            }
            expect(after, "a refused request must append nothing").toBe(before);
            return response;
          },
        };
      },
    });
    return { given, when: (request: ApiRequest) => given().when(request) };
  },
};
