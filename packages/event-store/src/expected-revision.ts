import type { ExpectedRevision } from "./event-store.js";

/** Whether a stream whose last revision is `actual` (`null`: no stream) is in the state `expected` asks for. */
export function expectationMet(expected: ExpectedRevision, actual: number | null): boolean {
  switch (expected) {
    case "any":
      return true;
    case "no_stream":
      return actual === null;
    case "stream_exists":
      return actual !== null;
    default:
      return actual === expected;
  }
}
