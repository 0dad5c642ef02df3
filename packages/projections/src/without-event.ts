/**
 * `list` without the part recorded by event `eventId` — what a voiding removes from a
 * document — or `list` itself when no part is (callers compare by identity to tell that nothing
 * changed).
 */
export const withoutEvent = <T extends { readonly eventId: string }>(list: readonly T[], eventId: string): readonly T[] =>
  list.some((entry) => entry.eventId === eventId) ? list.filter((entry) => entry.eventId !== eventId) : list;
