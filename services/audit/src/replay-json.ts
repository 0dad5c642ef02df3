import type { Replay } from "./replay.js";

/**
 * A replay as JSON text, written in pieces: the same text as `JSON.stringify(replay, null, 2)`,
 * but a list's elements are encoded one at a time. A province's duty records (286 556 of them,
 * ~2 KB each pretty-printed) make more text than one JavaScript string can hold (V8: 2^29 − 24
 * characters), so the replay is never encoded whole.
 *
 * `write` receives the pieces in order; pieces are gathered up to about `chunkChars` first.
 */
export const writeReplayJson = (replay: Replay, write: (text: string) => void, chunkChars = 1 << 20): void => {
  let pending: string[] = [];
  let pendingChars = 0;
  const emit = (text: string): void => {
    pending.push(text);
    pendingChars += text.length;
    if (pendingChars >= chunkChars) flush();
  };
  const flush = (): void => {
    if (pending.length === 0) return;
    write(pending.join(""));
    pending = [];
    pendingChars = 0;
  };
  /** `JSON.stringify(value, null, 2)` as it reads `depth` levels down (its lines indented by that much more). */
  const nested = (value: unknown, depth: number): string => (JSON.stringify(value, null, 2) ?? "null").replaceAll("\n", `\n${"  ".repeat(depth)}`);

  const entries = Object.entries(replay).filter(([, value]) => value !== undefined && typeof value !== "function");
  if (entries.length === 0) {
    write("{}\n");
    return;
  }
  emit("{");
  entries.forEach(([key, value], i) => {
    emit(`${i === 0 ? "" : ","}\n  ${JSON.stringify(key)}: `);
    if (!Array.isArray(value) || value.length === 0) {
      emit(nested(value, 1));
      return;
    }
    emit("[");
    value.forEach((element: unknown, j) => emit(`${j === 0 ? "" : ","}\n    ${nested(element, 2)}`));
    emit("\n  ]");
  });
  emit("\n}\n");
  flush();
};
