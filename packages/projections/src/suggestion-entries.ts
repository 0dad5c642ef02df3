import type { CoSignatureDecision, EvaluationRating, HandlingStepKind, PolicyRef, PreReviewOutcome, RecordedVia, ReplyCategory, SuggestionPhase, SupervisionKind } from "@duty-ledger/domain";

/** The entries of a suggestion view: each counting event of the suggestion, with where it came from. */

/** Where an entry came from. */
export interface EventRef {
  readonly eventId: string;
  readonly position: number;
  /** When the ledger received the event (server-set). */
  readonly recordedAt: string;
  /** Present (`true`) when the event was written under a backfill (`metadata.backfillId`, trust.md). */
  readonly backfilled?: true;
}

/** A listed co-signer's decision: only an accepted co-signature counts as `coSigned`. */
export interface CoSignatureEntry extends EventRef {
  readonly deputyId: string;
  readonly decision: CoSignatureDecision;
  readonly decidedAt: string;
}

/**
 * The lead unit's request for more time (`ExtensionRequested`) or to hand the suggestion back
 * (`ReturnRequested`), or the office's refusal of one (`…RequestRefused`): whether a request
 * waits is decided from these and the grants (`pendingRequestsOf`).
 */
export interface RequestEntry extends EventRef {
  readonly request: "extension" | "return";
  readonly act: "requested" | "refused";
  /** The unit that asked; `null` on a refusal. */
  readonly unitId: string | null;
  /** The due date asked for (an extension request); `null` otherwise. */
  readonly requestedDueAt: string | null;
  readonly reason: string;
  /** When it was asked or refused. */
  readonly at: string;
}

/** A supervision act of the office (督办). */
export interface SupervisionEntry extends EventRef {
  readonly supervisionId: string;
  readonly kind: SupervisionKind;
  readonly supervisedAt: string;
  readonly by: string;
  readonly note: string;
}

export interface SubmissionEntry extends EventRef {
  readonly leadDeputyId: string;
  readonly coSignerIds: readonly string[];
  readonly title: string;
  readonly body: string;
  readonly phase: SuggestionPhase;
  readonly session: string;
  readonly submittedAt: string;
  readonly sourceOpinionIds: readonly string[];
  readonly confidential: boolean;
}

export interface RevisionEntry extends EventRef {
  readonly title: string;
  readonly body: string;
  readonly revisedAt: string;
}

export interface PreReviewEntry extends EventRef {
  readonly outcome: PreReviewOutcome;
  readonly reason: string;
  readonly reviewedAt: string;
}

export interface AssignmentEntry extends EventRef {
  readonly leadUnitId: string;
  readonly coUnitIds: readonly string[];
  readonly assignedAt: string;
  readonly complex: boolean;
  readonly leadingOfficial: string | null;
  readonly supervisingOfficial: string | null;
  readonly dueAt: string;
  readonly policy: PolicyRef;
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

export interface EvaluationEntry extends EventRef {
  readonly deputyId: string;
  readonly rating: EvaluationRating;
  readonly evaluatedAt: string;
  readonly comment: string | null;
  readonly round: number;
  readonly rehandleDueAt: string | null;
}

/** An entry as the event it records (the event's type, the entry as its data): the view's fold reads it as that event. */
export type SuggestionEntryItem =
  | { readonly type: "SuggestionSubmitted"; readonly data: SubmissionEntry }
  | { readonly type: "SuggestionRevised"; readonly data: RevisionEntry }
  | { readonly type: "SuggestionPreReviewed"; readonly data: PreReviewEntry }
  | { readonly type: "SuggestionAssigned"; readonly data: AssignmentEntry }
  | { readonly type: "HandlingStepRecorded"; readonly data: StepEntry }
  | { readonly type: "SuggestionReplied"; readonly data: ReplyEntry }
  | { readonly type: "ReplyPublished"; readonly data: PublicationEntry }
  | { readonly type: "DeadlineExtended"; readonly data: ExtensionEntry }
  | { readonly type: "SuggestionEvaluated"; readonly data: EvaluationEntry }
  | { readonly type: "CoSignatureDecided"; readonly data: CoSignatureEntry }
  | { readonly type: "SupervisionRecorded"; readonly data: SupervisionEntry }
  | { readonly type: "ExtensionRequested" | "ExtensionRequestRefused" | "ReturnRequested" | "ReturnRequestRefused"; readonly data: RequestEntry };

/** A voided event of the suggestion: it no longer counts. */
export interface VoidedEntry extends EventRef {
  /** The voided event's id (`eventId`/`position` above are the voiding's). */
  readonly voidedEventId: string;
  readonly voidedType: string;
  readonly reason: string;
  readonly voidedAt: string;
  /**
   * The entry the voided event made (kept in the read model, not answered): before the voiding
   * was recorded it counted, so a view known at that time (`suggestionViewAt`) holds it.
   */
  readonly voidedEntry?: SuggestionEntryItem;
}
