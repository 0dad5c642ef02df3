/**
 * The answers of the API the page reads (api-v1.md), as far as the page uses them.
 *
 * The vocabularies, the suggestion's lifecycle states and the scores' answers are the
 * packages' own types (`import type`: esbuild drops them, nothing of those packages is
 * bundled). The lists the page needs at run time come from the packages' dependency-free
 * modules: `@duty-ledger/domain/vocabulary` and `@duty-ledger/scoring/indicator-keys`.
 * The query API's answers that no package exports a type for yet (the deputy's record and
 * timeline, the suggestion answer, the watch list, the unit lists, the rule sets) are written
 * here, in their JSON shape (`null` where a field is absent).
 */
import type {
  ContactChannel,
  DeputyLevel,
  EvaluationRating,
  HandlingStepKind,
  RecordedVia,
  ReplyCategory,
  SuggestionPhase,
  SuggestionStatus as DomainSuggestionStatus,
} from "@duty-ledger/domain";

export type { IndicatorKey, ScoresAnswer, ScoresAnswerUnit, UnitIndicatorAnswer, UnitScoresAnswer } from "@duty-ledger/scoring";

/** A suggestion's state in its lifecycle (the domain's statuses but `none`). */
export type LifecycleState = Exclude<DomainSuggestionStatus, "none">;
/** The watch list's statuses (projections' `watchStatuses`). */
type WatchStatus = "overdue" | "due-soon" | "open" | "replied" | "closed";
/** The status the API shows: the watch status once assigned, else the lifecycle state. */
export type SuggestionStatus = WatchStatus | Exclude<LifecycleState, "assigned" | "rehandling" | "replied" | "closed">;

export interface DeputyRecord {
  readonly deputyId: string;
  readonly year: number;
  readonly deputy: {
    readonly deputyId: string;
    readonly name: string;
    readonly level: DeputyLevel;
    readonly term: string;
    readonly constituency: string;
    readonly stationId: string | null;
    readonly registeredAt: string;
  };
  readonly served: { readonly from: string; readonly to: string; readonly days: number } | null;
  readonly contacts: {
    readonly total: number;
    readonly byChannel: Readonly<Record<ContactChannel, number>>;
    readonly constituents: number;
    readonly opinions: number;
    readonly opinionsAnsweredBack: number;
  };
  readonly suggestions: {
    readonly led: number;
    readonly coSigned: number;
    readonly byPhase: Readonly<Record<SuggestionPhase, number>>;
    readonly byCategory: Readonly<Record<ReplyCategory, number>>;
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
  readonly kind: HandlingStepKind;
  readonly occurredAt: string;
  readonly recordedVia: RecordedVia;
  readonly note: string | null;
  readonly deputyPresent: boolean | null;
}

export interface ReplyEntry extends EventRef {
  readonly unitId: string;
  readonly category: ReplyCategory;
  readonly repliedAt: string;
  readonly text: string;
  readonly round: number;
}

export interface EvaluationEntry extends EventRef {
  readonly deputyId: string;
  readonly rating: EvaluationRating;
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
  readonly phase: SuggestionPhase | null;
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
