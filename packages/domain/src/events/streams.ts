/** The stream categories of the ledger and their ids: `<category>-<entity id>`. */

export const streamCategories = ["deputy", "unit", "station", "contact", "suggestion", "backfill", "ranking", "person", "programme", "project", "activity"] as const;
export type StreamCategory = (typeof streamCategories)[number];

/** Stream ids: `deputy-<id>`, `unit-<id>`, `station-<id>`, `contact-<id>`, `suggestion-<id>`, `backfill-<id>`, `ranking-<id>`, `person-<id>`, `programme-<id>`, `project-<id>`, `activity-<id>`. */
export const streamIdOf = {
  deputy: (deputyId: string): string => `deputy-${deputyId}`,
  unit: (unitId: string): string => `unit-${unitId}`,
  station: (stationId: string): string => `station-${stationId}`,
  contact: (contactId: string): string => `contact-${contactId}`,
  suggestion: (suggestionId: string): string => `suggestion-${suggestionId}`,
  backfill: (backfillId: string): string => `backfill-${backfillId}`,
  ranking: (rankingId: string): string => `ranking-${rankingId}`,
  person: (personId: string): string => `person-${personId}`,
  programme: (programmeId: string): string => `programme-${programmeId}`,
  project: (projectId: string): string => `project-${projectId}`,
  activity: (activityId: string): string => `activity-${activityId}`,
} as const satisfies Record<StreamCategory, (id: string) => string>;

/** Splits a stream id into its category and entity id; `null` when it is not one of ours. */
export const parseStreamId = (streamId: string): { category: StreamCategory; id: string } | null => {
  for (const category of streamCategories) {
    const prefix = `${category}-`;
    if (streamId.startsWith(prefix) && streamId.length > prefix.length) return { category, id: streamId.slice(prefix.length) };
  }
  return null;
};
