/**
 * `<html data-ready>`: `false` while a view loads, then `true` (or `error`). The browser tests
 * and the time-to-interactive measure wait for it; the first `true` is marked
 * `duty-ledger:ready` in the Performance timeline (from navigation start).
 */
export type ReadyState = "true" | "false" | "error";

export const setReady = (value: ReadyState): void => {
  document.documentElement.dataset["ready"] = value;
  if (value === "true" && performance.getEntriesByName("duty-ledger:ready").length === 0) performance.mark("duty-ledger:ready");
};
