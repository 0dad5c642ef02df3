/** A stored 2xx answer, replayed for a repeated request. `body` is the JSON value, null if none. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

/** What `begin` found for (scope, key). */
export type IdempotencyBegin =
  /** No live record: this request runs; finish with `complete` or `abandon` and this `attempt`. */
  | { readonly kind: "started"; readonly attempt: string }
  /** Done before with the same fingerprint: answer with the stored response. */
  | { readonly kind: "replay"; readonly response: StoredResponse }
  /** The key was used with another request (different fingerprint): 409. */
  | { readonly kind: "mismatch" }
  /** The same request is still being processed: 409, retry later. */
  | { readonly kind: "in-flight" };

/**
 * Idempotency records: (scope, key) -> request fingerprint + state + the stored 2xx answer.
 * `scope` is the principal's role, subject and station (`idempotencyScopeOf`), so one client's
 * keys never meet another's, not even those of a token with the same `sub` and another role.
 */
export interface IdempotencyStore {
  begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyBegin>;
  /** Records the 2xx answer of a started attempt (no-op if the attempt lost its record). */
  complete(scope: string, key: string, attempt: string, response: StoredResponse): Promise<void>;
  /** Forgets a started attempt (its answer was not 2xx), so the key can be retried. */
  abandon(scope: string, key: string, attempt: string): Promise<void>;
  /** Deletes expired records; returns how many. */
  prune(): Promise<number>;
  /**
   * Deletes every record whose stored answer is about one of `ids` (its `id`), live or not, and
   * leaves no copy of them in the file (a person's erasure, personal-data.md); returns how many.
   */
  forgetAnswersFor(ids: readonly string[]): Promise<number>;
  close(): void;
}
