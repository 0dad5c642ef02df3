/** The answers of the API the page reads (api-v1.md), as far as the page uses them. */

export type Channel = "station" | "visit" | "online" | "hotline" | "survey";
export type Phase = "session" | "recess";
export type Category = "A" | "B" | "C" | "D";
export type Rating = "satisfied" | "basically-satisfied" | "unsatisfied";
export type StepKind = "plan" | "head-led" | "leadership-meeting" | "consultation" | "site-visit" | "progress" | "co-unit-opinion";
export type RecordedVia = "online" | "backfill";
export type Level = "national" | "provincial" | "municipal" | "county" | "township";
export type SuggestionStatus = "overdue" | "due-soon" | "open" | "replied" | "closed" | "submitted" | "revising" | "returned" | "accepted";

export const channels: readonly Channel[] = ["station", "visit", "online", "hotline", "survey"];
export const phases: readonly Phase[] = ["session", "recess"];
export const categories: readonly Category[] = ["A", "B", "C", "D"];
export const ratings: readonly Rating[] = ["satisfied", "basically-satisfied", "unsatisfied"];
export const stepKinds: readonly StepKind[] = ["plan", "head-led", "leadership-meeting", "consultation", "site-visit", "progress", "co-unit-opinion"];
export const recordedVias: readonly RecordedVia[] = ["online", "backfill"];

export const indicatorKeys = ["attention", "completion", "consultation", "satisfaction", "resolution", "publication", "digital"] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

export interface DeputyRecord {
  readonly deputyId: string;
  readonly year: number;
  readonly deputy: {
    readonly deputyId: string;
    readonly name: string;
    readonly level: Level;
    readonly term: string;
    readonly constituency: string;
    readonly stationId: string | null;
    readonly registeredAt: string;
  };
  readonly served: { readonly from: string; readonly to: string; readonly days: number } | null;
  readonly contacts: {
    readonly total: number;
    readonly byChannel: Readonly<Record<Channel, number>>;
    readonly constituents: number;
    readonly opinions: number;
    readonly opinionsAnsweredBack: number;
  };
  readonly suggestions: {
    readonly led: number;
    readonly coSigned: number;
    readonly byPhase: Readonly<Record<Phase, number>>;
    readonly byCategory: Readonly<Record<Category, number>>;
    readonly evaluated: number;
  };
  readonly consultations: number;
  readonly loop: { readonly opinions: number; readonly suggested: number; readonly replied: number; readonly answeredBack: number };
  readonly sources?: { readonly contactIds: readonly string[]; readonly suggestionIds: readonly string[] };
}

export interface TimelineEntry {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly summary: string;
  readonly voided?: boolean;
}

export interface TimelinePage {
  readonly deputyId: string;
  readonly entries: readonly TimelineEntry[];
  readonly nextCursor: string | null;
}

interface EventRef {
  readonly eventId: string;
  readonly position: number;
  readonly recordedAt: string;
}

export interface StepEntry extends EventRef {
  readonly unitId: string;
  readonly kind: StepKind;
  readonly occurredAt: string;
  readonly recordedVia: RecordedVia;
  readonly note: string | null;
  readonly deputyPresent: boolean | null;
}

export interface ReplyEntry extends EventRef {
  readonly unitId: string;
  readonly category: Category;
  readonly repliedAt: string;
  readonly text: string;
  readonly round: number;
}

export interface EvaluationEntry extends EventRef {
  readonly deputyId: string;
  readonly rating: Rating;
  readonly evaluatedAt: string;
  readonly comment: string | null;
  readonly round: number;
}

export interface PublicationEntry extends EventRef {
  readonly publishedAt: string;
  readonly url: string | null;
  readonly round: number;
}

export interface ExtensionEntry extends EventRef {
  readonly previousDueAt: string;
  readonly newDueAt: string;
  readonly reason: string;
  readonly grantedAt: string;
}

export type LifecycleState = "submitted" | "revising" | "returned" | "accepted" | "assigned" | "replied" | "rehandling" | "closed";

export interface SuggestionAnswer {
  readonly suggestionId: string;
  readonly state: LifecycleState | null;
  readonly status: SuggestionStatus;
  readonly overdue: boolean;
  readonly dueSoon: boolean;
  readonly daysToDue: number | null;
  readonly title: string | null;
  readonly leadDeputyId: string | null;
  readonly coSignerIds: readonly string[];
  readonly phase: Phase | null;
  readonly submittedAt: string | null;
  readonly confidential: boolean;
  readonly units: { readonly leadUnitId: string; readonly coUnitIds: readonly string[] } | null;
  readonly assignedAt: string | null;
  readonly dueAt: string | null;
  readonly round: number;
  readonly lastPosition: number;
  readonly submissions: readonly { readonly body: string; readonly title: string }[];
  readonly revisions?: readonly { readonly body: string; readonly title: string }[];
  readonly steps: readonly StepEntry[];
  readonly replies: readonly ReplyEntry[];
  readonly publications: readonly PublicationEntry[];
  readonly extensions: readonly ExtensionEntry[];
  readonly evaluations: readonly EvaluationEntry[];
}

export interface ScoresAnswerUnit {
  readonly unitId: string;
  readonly rank: number | null;
  readonly index: number | null;
  readonly indicators: Readonly<Record<IndicatorKey, number | null>>;
  readonly insufficientData?: boolean;
  readonly assigned?: number;
}

export interface ScoresAnswer {
  readonly rules: string;
  readonly period: string;
  readonly asOf: string;
  readonly units: readonly ScoresAnswerUnit[];
}

export interface Contribution {
  readonly suggestionId: string;
  readonly numerator: number;
  readonly denominator: number;
}

export interface UnitIndicatorAnswer {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
  readonly suggestionIds: readonly string[];
  readonly contributions?: readonly Contribution[];
  readonly components?: { readonly headLed: boolean; readonly leadershipMeeting: boolean; readonly planShare: number | null };
}

export interface UnitScoresAnswer {
  readonly unitId: string;
  readonly rules: string;
  readonly period: string;
  readonly asOf: string;
  readonly index: number | null;
  readonly assigned?: number;
  readonly insufficientData?: boolean;
  readonly effectiveWeights?: Readonly<Record<IndicatorKey, number | null>>;
  readonly indicators: Readonly<Record<IndicatorKey, UnitIndicatorAnswer>>;
}

export interface WatchListItem {
  readonly suggestionId: string;
  readonly title: string | null;
  readonly status: SuggestionStatus;
  readonly daysToDue: number | null;
  readonly leadDeputyId: string | null;
  readonly leadUnitId: string | null;
  readonly dueAt: string | null;
  readonly assignedAt: string | null;
}

export interface WatchListAnswer {
  readonly status: string;
  readonly asOf: string;
  readonly dueWithinDays: number;
  readonly items: readonly WatchListItem[];
  readonly nextCursor: string | null;
}

export interface RuleSetsAnswer {
  readonly default: string;
  readonly ruleSets: readonly { readonly name: string; readonly version: number; readonly description?: string }[];
}

/** `GET /v1/units` (added): every registered unit with its current name, by unit id. */
export interface UnitsAnswer {
  readonly units: readonly { readonly unitId: string; readonly name: string; readonly registeredAt: string; readonly correctedAt: string | null }[];
}

export interface DemoIdentity {
  readonly label: string;
  readonly role: string;
  readonly sub: string;
  readonly stationId?: string;
  readonly token: string;
}

/** An item of a unit's own list (`GET /v1/units/:id/suggestions`): the watch list's item, with the fields the unit's view reads. */
export interface UnitSuggestionItem extends WatchListItem {
  readonly state: LifecycleState | null;
  readonly coUnitIds: readonly string[];
  readonly overdue: boolean;
  readonly dueSoon: boolean;
  readonly round: number;
}

export interface UnitSuggestionsAnswer {
  readonly status: string;
  readonly asOf: string;
  readonly dueWithinDays: number;
  readonly unitId: string | null;
  readonly items: readonly UnitSuggestionItem[];
  readonly nextCursor: string | null;
}
