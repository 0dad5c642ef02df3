/**
 * GENERATED from the API document (`GET /v1/openapi.json`) by openapi-typescript: do not edit.
 * Run `pnpm generate:api-client` after changing a route's schemas (services/cli/src/api-client-schema.ts).
 */
/* eslint-disable */
export interface paths {
    "/v1/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a duty activity (视察、调研、培训、列席、听证、述职); a deputy's own counts for the others named once they confirm
         * @description Roles: office, clerk, deputy.
         */
        post: operations["postActivities"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activities/{id}/confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm taking part in a duty activity another deputy recorded (the deputy is the token's)
         * @description Roles: deputy.
         */
        post: operations["postActivitiesIdConfirmation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tree head as a C2SP signed note (checkpoint)
         * @description Roles: auditor, office.
         */
        get: operations["getAuditCheckpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The log in order, each event whole
         * @description Roles: auditor.
         */
        get: operations["getAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/proofs/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A consistency proof between the trees of sizes `from` and `to`
         * @description Roles: auditor.
         */
        get: operations["getAuditProofsConsistency"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An inclusion proof of the event at `position` in the tree of `treeSize`
         * @description Roles: auditor.
         */
        get: operations["getAuditProofsInclusion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/public-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The keys tree heads are signed with
         * @description Roles: auditor, clerk, deputy, office, unit.
         */
        get: operations["getAuditPublicKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/tree-head": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A signed tree head (the current one, or of a given size)
         * @description Roles: auditor, office.
         */
        get: operations["getAuditTreeHead"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/tree-heads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed tree heads kept, by size
         * @description Roles: auditor, office.
         */
        get: operations["getAuditTreeHeads"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the hash chains (and a seal, and the Merkle tree)
         * @description Roles: auditor.
         */
        get: operations["getAuditVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backfills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant a backfill window for late records
         * @description Roles: office.
         */
        post: operations["postBackfills"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a contact with constituents (people sealed per person)
         * @description Roles: deputy, clerk, office.
         */
        post: operations["postContacts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm one's participation in a contact
         * @description Roles: deputy.
         */
        post: operations["postContactsIdConfirmation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record feedback given to constituents on their opinions
         * @description Roles: deputy, clerk, office.
         */
        post: operations["postContactsIdFeedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/opinions/{opinionId}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer an opinion referred to the token's unit
         * @description Roles: unit.
         */
        post: operations["postContactsIdOpinionsOpinionIdAnswer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/opinions/{opinionId}/constituent-feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the constituent's feedback on the answer (有回应); unsatisfied re-opens it, due 10 working days on
         * @description Roles: clerk, deputy.
         */
        post: operations["postContactsIdOpinionsOpinionIdConstituentFeedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/opinions/{opinionId}/referral": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refer a contact's opinion to a unit (转办); due 15 working days on unless dueAt is given
         * @description Roles: office, clerk, deputy.
         */
        post: operations["postContactsIdOpinionsOpinionIdReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The people a contact and its opinions name, as the caller may see them
         * @description Roles: office, deputy, clerk, auditor, unit.
         */
        get: operations["getContactsIdPeople"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deadline-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The deadline policies an assignment may name (built-in and the deployment's), and the default
         * @description Roles: office, auditor, unit, deputy.
         */
        get: operations["getDeadlinePolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deputies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The registered deputies, searchable by name, by deputy id, paged (a deputy, a clerk or a unit sees each one's id, name, level and station only)
         * @description Roles: office, auditor, deputy, clerk, unit.
         */
        get: operations["getDeputies"];
        put?: never;
        /**
         * Register a deputy
         * @description Roles: office.
         */
        post: operations["postDeputies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deputies/{id}/corrections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct a deputy's registration
         * @description Roles: office.
         */
        post: operations["postDeputiesIdCorrections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deputies/{id}/opinions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The opinions gathered at the contacts where a deputy's part counts, in a year (office; the deputy itself): those a suggestion may cite
         * @description Roles: office, deputy.
         */
        get: operations["getDeputiesIdOpinions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deputies/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A deputy's duty record of a year
         * @description Roles: office, auditor, deputy.
         */
        get: operations["getDeputiesIdRecord"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deputies/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A deputy's timeline, newest first, paged
         * @description Roles: office, auditor, deputy.
         */
        get: operations["getDeputiesIdTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events:void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void an event (it stays in the log)
         * @description Roles: office.
         */
        post: operations["postEventsVoid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the read models are serving, and how far behind the log
         * @description No token needed.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/programmes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The livelihood programmes of a year
         * @description Roles: office, deputy, unit, clerk, auditor.
         */
        get: operations["getLivelihoodProgrammes"];
        put?: never;
        /**
         * Open a livelihood programme (candidates collected until a date)
         * @description Roles: office.
         */
        post: operations["postLivelihoodProgrammes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/programmes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A livelihood programme: its result, and its projects as of asOf
         * @description Roles: office, deputy, unit, clerk, auditor.
         */
        get: operations["getLivelihoodProgrammesId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/programmes/{id}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the deputies present at the vote
         * @description Roles: office, clerk.
         */
        post: operations["postLivelihoodProgrammesIdAttendance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/programmes/{id}/ballot-boxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Count a ballot box
         * @description Roles: office.
         */
        post: operations["postLivelihoodProgrammesIdBallotBoxes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/programmes/{id}/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Propose a candidate project
         * @description Roles: office, deputy.
         */
        post: operations["postLivelihoodProgrammesIdCandidates"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/programmes/{id}/close-vote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close the vote: the projects adopted
         * @description Roles: office.
         */
        post: operations["postLivelihoodProgrammesIdCloseVote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/programmes/{id}/evaluation-rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a round of the deputies' evaluations
         * @description Roles: office.
         */
        post: operations["postLivelihoodProgrammesIdEvaluationRounds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/programmes/{id}/shortlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide the shortlist put to the vote (more candidates than slots)
         * @description Roles: office.
         */
        post: operations["postLivelihoodProgrammesIdShortlist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/projects/{id}/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Evaluate a project in an open round (the deputy is the token's)
         * @description Roles: deputy.
         */
        post: operations["postLivelihoodProjectsIdEvaluations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/projects/{id}/inspections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record deputies' inspection of a project
         * @description Roles: deputy, office.
         */
        post: operations["postLivelihoodProjectsIdInspections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/projects/{id}/milestones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Plan an adopted project's milestone
         * @description Roles: unit.
         */
        post: operations["postLivelihoodProjectsIdMilestones"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/livelihood/projects/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report an adopted project's progress
         * @description Roles: unit.
         */
        post: operations["postLivelihoodProjectsIdProgress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the token names, by name (every role; the office and the auditor by their role alone)
         * @description Roles: office, deputy, unit, clerk, auditor.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This OpenAPI 3.1 document
         * @description No token needed.
         */
        get: operations["getOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/opinions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Opinions referred to units (转办) and their status as of asOf (office; a unit its own; a clerk its station's)
         * @description Roles: office, unit, clerk.
         */
        get: operations["getOpinions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/people/{id}/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The reads that returned a person's data
         * @description Roles: office.
         */
        get: operations["getPeopleIdAccessLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/people/{id}/erasure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a person: PersonErased, then their data key destroyed
         * @description Roles: office.
         */
        post: operations["postPeopleIdErasure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rankings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The published rankings, newest first
         * @description Roles: office, auditor.
         */
        get: operations["getRankings"];
        put?: never;
        /**
         * Publish a ranking bound to the log's tree head
         * @description Roles: office.
         */
        post: operations["postRankings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rankings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A published ranking, byte for byte as published
         * @description Roles: office, auditor, unit.
         */
        get: operations["getRankingsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rule-sets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rule sets `rules` may name, and the default
         * @description Roles: office, auditor, unit.
         */
        get: operations["getRuleSets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The units' scores and ranking of a period
         * @description Roles: office, auditor.
         */
        get: operations["getScores"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The registered contact stations, searchable by name
         * @description Roles: office, auditor.
         */
        get: operations["getStations"];
        put?: never;
        /**
         * Register a contact station
         * @description Roles: office.
         */
        post: operations["postStations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stations/{id}/corrections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct a station's registration
         * @description Roles: office.
         */
        post: operations["postStationsIdCorrections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stations/{id}/opinions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The opinions gathered at a station's contacts in a year, referred or not (office; that station's clerk): those to refer
         * @description Roles: office, clerk.
         */
        get: operations["getStationsIdOpinions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stations/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A station's year: receptions, constituents, opinions referred, answered, resolved, satisfied, on time (office, auditor, that station's clerk)
         * @description Roles: office, auditor, clerk.
         */
        get: operations["getStationsIdRecord"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The watch list: suggestions by deadline status
         * @description Roles: office, auditor.
         */
        get: operations["getSuggestions"];
        put?: never;
        /**
         * Submit a suggestion
         * @description Roles: deputy, office.
         */
        post: operations["postSuggestions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A suggestion as of `asOf`, as the ledger knew it at `knownAt`
         * @description Roles: office, auditor, deputy, unit.
         */
        get: operations["getSuggestionsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign a suggestion to a lead unit and co-units
         * @description Roles: office.
         */
        post: operations["postSuggestionsIdAssignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/co-signature": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept or decline co-signing a suggestion
         * @description Roles: deputy.
         */
        post: operations["postSuggestionsIdCoSignature"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/evaluation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Evaluate the reply
         * @description Roles: deputy.
         */
        post: operations["postSuggestionsIdEvaluation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/extension": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Extend a suggestion's deadline
         * @description Roles: office.
         */
        post: operations["postSuggestionsIdExtension"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/extension-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a later due date (the lead unit)
         * @description Roles: unit.
         */
        post: operations["postSuggestionsIdExtensionRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/extension-request/refusal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refuse the lead unit's extension request (grant it with …/extension)
         * @description Roles: office.
         */
        post: operations["postSuggestionsIdExtensionRequestRefusal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/pre-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pre-review a suggestion (accept, revise, return)
         * @description Roles: office.
         */
        post: operations["postSuggestionsIdPreReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/publication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish the reply
         * @description Roles: unit, office.
         */
        post: operations["postSuggestionsIdPublication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/reassignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reassign the suggestion (改办) in answer to a return request: a new due date
         * @description Roles: office.
         */
        post: operations["postSuggestionsIdReassignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply to a suggestion
         * @description Roles: unit.
         */
        post: operations["postSuggestionsIdReply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/return-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask to hand the suggestion back (退回/改办), within 7 working days of the assignment
         * @description Roles: unit.
         */
        post: operations["postSuggestionsIdReturnRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/return-request/refusal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refuse the lead unit's return request
         * @description Roles: office.
         */
        post: operations["postSuggestionsIdReturnRequestRefusal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/revision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-submit a suggestion after a `revise` pre-review
         * @description Roles: deputy, office.
         */
        post: operations["postSuggestionsIdRevision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a handling step
         * @description Roles: unit.
         */
        post: operations["postSuggestionsIdSteps"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/{id}/supervision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a supervision act (督办: warning, leader's supervision, site review, interview)
         * @description Roles: office.
         */
        post: operations["postSuggestionsIdSupervision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The registered units and their names
         * @description Roles: office, auditor, unit, clerk, deputy.
         */
        get: operations["getUnits"];
        put?: never;
        /**
         * Register a handling unit
         * @description Roles: office.
         */
        post: operations["postUnits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/units/{id}/corrections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct a unit's registration
         * @description Roles: office.
         */
        post: operations["postUnitsIdCorrections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/units/{id}/livelihood-projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The livelihood projects a unit is responsible for, as of asOf (its own: office, auditor, that unit)
         * @description Roles: office, auditor, unit.
         */
        get: operations["getUnitsIdLivelihoodProjects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/units/{id}/scores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One unit's scores, each indicator with the suggestions and events behind it
         * @description Roles: office, auditor, unit.
         */
        get: operations["getUnitsIdScores"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/units/{id}/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A unit's own watch list (as lead or co-unit)
         * @description Roles: office, auditor, unit.
         */
        get: operations["getUnitsIdSuggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            /** @description the kind of problem, as the last segment of `type` */
            code?: string;
            detail: string;
            /** @description the failing fields (400, 422) */
            errors?: {
                message: string;
                path: string;
            }[];
            requestId?: string;
            status: number;
            title: string;
            /** @description `/problems/<kind>` for duty-ledger's kinds; `about:blank` for plain HTTP statuses */
            type: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description Invalid request (body, query string or path) */
        Problem400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No valid bearer token */
        Problem401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller's role or identity may not do this */
        Problem403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such entity */
        Problem404: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict (already recorded, concurrent write, idempotency key reused with another body) */
        Problem409: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Body too large */
        Problem413: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Refused by a domain rule */
        Problem422: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests */
        Problem429: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not available now (read models behind, a verification running); retry after `Retry-After` */
        Problem503: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    postActivities: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    activityId: string;
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    deputyIds: string[];
                    hours?: number;
                    /** @enum {string} */
                    kind: "inspection" | "survey" | "training" | "attendance" | "hearing" | "report" | "other";
                    title: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postActivitiesIdConfirmation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** Format: date-time */
                    confirmedAt: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getAuditCheckpoint: {
        parameters: {
            query?: {
                /** @description the tree of the first treeSize events; default the whole log */
                treeSize?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The checkpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
        };
    };
    getAuditEvents: {
        parameters: {
            query?: {
                /** @description the first position (inclusive); default the start */
                from?: string;
                /** @description events per page, 1–1000; default 100 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the log */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            data: unknown;
                            hash: string;
                            id: string;
                            metadata: {
                                actor: {
                                    id: string;
                                    role: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                hash: string;
                                prevHash: string | null;
                                /** Format: date-time */
                                recordedAt: string;
                            } & {
                                [key: string]: unknown;
                            };
                            position: number;
                            revision: number;
                            streamId: string;
                            type: string;
                        }[];
                        head: number;
                        /** @description pass as `from` for the next page; `null` at the head */
                        nextFrom: number | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    getAuditProofsConsistency: {
        parameters: {
            query: {
                /** @description the older tree size */
                from: string;
                /** @description the newer tree size */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The RFC 9162 consistency proof */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: number;
                        path: string[];
                        to: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
        };
    };
    getAuditProofsInclusion: {
        parameters: {
            query: {
                /** @description the event's log position (1-based) */
                position: string;
                /** @description the size of the tree proven against */
                treeSize: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The RFC 9162 inclusion proof */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        leafHash: string;
                        leafIndex: number;
                        path: string[];
                        treeSize: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
        };
    };
    getAuditPublicKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The public keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            /** @constant */
                            alg: "Ed25519";
                            keyId: string;
                            /** @description base64url raw key */
                            publicKey: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    getAuditTreeHead: {
        parameters: {
            query?: {
                /** @description the tree of the first treeSize events; default the whole log */
                treeSize?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed tree head */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        issuedAt: string;
                        keyId: string;
                        rootHash: string;
                        /** @description base64url Ed25519 signature */
                        signature: string;
                        treeSize: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
        };
    };
    getAuditTreeHeads: {
        parameters: {
            query?: {
                /** @description the smallest tree size listed; default 0 */
                from?: string;
                /** @description heads per page, 1–1000; default 100 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the heads kept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        heads: {
                            /** Format: date-time */
                            issuedAt: string;
                            keyId: string;
                            rootHash: string;
                            /** @description base64url Ed25519 signature */
                            signature: string;
                            treeSize: number;
                        }[];
                        nextFrom: number | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
        };
    };
    getAuditVerify: {
        parameters: {
            query?: {
                /** @description a seal printed by `duty-ledger audit seal` (dlseal1:<events>:<sha-256>): checks that the events it covers did not change */
                seal?: string;
                /** @description verify up to this position; default the head */
                upTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verification's report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        brokenStreams: number;
                        events: number;
                        firstBroken?: {
                            [key: string]: unknown;
                        };
                        head: number;
                        ok: boolean;
                        position: number;
                        problemCount: number;
                        problems: {
                            [key: string]: unknown;
                        }[];
                        /** @description keep it to prove later that the events verified did not change */
                        seal: string;
                        sealCheck?: {
                            ok: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                        streams: number;
                        treeCheck?: {
                            [key: string]: unknown;
                        };
                        upTo: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postBackfills: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    actorId: string;
                    /** @enum {string} */
                    actorRole: "office" | "deputy" | "unit" | "clerk";
                    backfillId: string;
                    /** Format: date-time */
                    expiresAt: string;
                    /** Format: date-time */
                    from: string;
                    reason: string;
                    /** Format: date-time */
                    to: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postContacts: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** @enum {string} */
                    channel: "station" | "visit" | "online" | "hotline" | "survey";
                    constituents: number;
                    contactId?: string;
                    deputyIds: string[];
                    /** Format: date-time */
                    occurredAt: string;
                    opinions?: {
                        opinionId: string;
                        people?: {
                            idNumber?: string;
                            name: string;
                            personId: string;
                            phone?: string;
                        }[];
                        text: string;
                    }[];
                    people?: {
                        idNumber?: string;
                        name: string;
                        personId: string;
                        phone?: string;
                    }[];
                    stationId?: string;
                    summary: string;
                    topic: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postContactsIdConfirmation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** Format: date-time */
                    confirmedAt: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postContactsIdFeedback: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** Format: date-time */
                    feedbackAt: string;
                    opinionIds: string[];
                    text: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postContactsIdOpinionsOpinionIdAnswer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                opinionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    answeredAt: string;
                    backfillId?: string;
                    /** @enum {string} */
                    outcome: "resolved" | "explained" | "in-progress";
                    text: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postContactsIdOpinionsOpinionIdConstituentFeedback: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                opinionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    satisfied: boolean;
                };
            };
        };
        responses: {
            /** @description Recorded: the write's answer, and the new due date when re-opened */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                        /** Format: date-time */
                        reopenedDueAt?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postContactsIdOpinionsOpinionIdReferral: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                opinionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** Format: date-time */
                    dueAt?: string;
                    /** Format: date-time */
                    referredAt: string;
                    unitId: string;
                };
            };
        };
        responses: {
            /** @description Referred: the write's answer and the due date */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        dueAt: string;
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getContactsIdPeople: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The contact's people: in clear, erased or sealed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contactId: string;
                        opinions: {
                            opinionId: string;
                            people: ({
                                idNumber?: string;
                                name: string;
                                personId: string;
                                phone?: string;
                            } | {
                                /** @constant */
                                erased: true;
                                name: string;
                                personId: string;
                            } | {
                                personId: string;
                                sealed: string;
                            })[];
                            text: string;
                        }[];
                        people: ({
                            idNumber?: string;
                            name: string;
                            personId: string;
                            phone?: string;
                        } | {
                            /** @constant */
                            erased: true;
                            name: string;
                            personId: string;
                        } | {
                            personId: string;
                            sealed: string;
                        })[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
        };
    };
    getDeadlinePolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deadline policies */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the policy an assignment naming none applies */
                        default: string;
                        /** @description every policy an assignment may name, each version (the latest applies when named) */
                        policies: {
                            /** @enum {string} */
                            clockStart: "assignment" | "session-close";
                            complexReplyMonths: number;
                            coUnitOpinionMonths: number;
                            description: string;
                            extensionCapMonths: number | null;
                            name: string;
                            publicationWorkingDays: number;
                            rehandleMonths: number;
                            replyMonths: number;
                            timeZone: string;
                            version: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    getDeputies: {
        parameters: {
            query?: {
                /** @description the nextCursor of the previous page */
                cursor?: string;
                /** @description only deputies of this level */
                level?: "national" | "provincial" | "municipal" | "county" | "township";
                /** @description deputies per page, 1–1000; default 100 */
                limit?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description part of the name (or the id), case-insensitive */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deputies */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deputies: {
                            /** @description office and auditor only */
                            constituency?: string;
                            deputyId: string;
                            /** @enum {string} */
                            level: "national" | "provincial" | "municipal" | "county" | "township";
                            name: string;
                            /**
                             * Format: date-time
                             * @description office and auditor only
                             */
                            registeredAt?: string;
                            stationId: string | null;
                            /** @description office and auditor only */
                            term?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postDeputies: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    constituency: string;
                    deputyId: string;
                    /** @enum {string} */
                    level: "national" | "provincial" | "municipal" | "county" | "township";
                    name: string;
                    stationId?: string;
                    term: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postDeputiesIdCorrections: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    constituency?: string;
                    /** @enum {string} */
                    level?: "national" | "provincial" | "municipal" | "county" | "township";
                    name?: string;
                    reason: string;
                    stationId?: string | null;
                    term?: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getDeputiesIdOpinions: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset (send + as %2B): contacts, confirmations and referrals as of then; default now */
                asOf?: string;
                /** @description the nextCursor of the previous page */
                cursor?: string;
                /** @description opinions per page, 1–1000; default 100 */
                limit?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description false: only the opinions not referred to a unit as of asOf; true: only those referred; default both */
                referred?: "true" | "false";
                /** @description the contacts' calendar year (Asia/Shanghai), from 1949; default the year of asOf */
                year?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the deputy's opinions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        deputyId: string;
                        /** @description the year's contacts newest first, then contact id, then the contact's own order of opinions */
                        items: {
                            /** @enum {string} */
                            channel: "station" | "visit" | "online" | "hotline" | "survey";
                            contactId: string;
                            /**
                             * Format: date-time
                             * @description the contact's time
                             */
                            occurredAt: string;
                            opinionId: string;
                            /** @description null: not referred to a unit as of asOf */
                            referral: {
                                /**
                                 * Format: date-time
                                 * @description the due date in force as of asOf
                                 */
                                dueAt: string;
                                /** Format: date-time */
                                referredAt: string;
                                /** @enum {string} */
                                status: "open" | "overdue" | "answered" | "closed";
                                unitId: string;
                            } | null;
                            stationId: string | null;
                            text: string;
                        }[];
                        /** @description pass as `cursor` for the next page */
                        nextCursor: string | null;
                        /** @description the filter asked; null: both */
                        referred: boolean | null;
                        year: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getDeputiesIdRecord: {
        parameters: {
            query?: {
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description calendar year (Asia/Shanghai), from 1949; default this year */
                year?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The duty record, with the entities behind each figure */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description other duty activities (视察、调研、培训、列席、听证、述职) by kind, the hours told, and those awaiting the deputy's confirmation */
                        activities: {
                            activityIds: string[];
                            byKind: {
                                [key: string]: number;
                            };
                            hours: number;
                            pendingConfirmationIds: string[];
                            total: number;
                        };
                        backfilled: {
                            contactIds: string[];
                            suggestionIds: string[];
                        };
                        consultations: number;
                        contacts: {
                            byChannel: {
                                hotline: number;
                                online: number;
                                station: number;
                                survey: number;
                                visit: number;
                            };
                            constituents: number;
                            opinions: number;
                            opinionsAnsweredBack: number;
                            total: number;
                        } & {
                            [key: string]: unknown;
                        };
                        deputy: {
                            constituency: string;
                            correctionEventIds: string[];
                            deputyId: string;
                            /** @enum {string} */
                            level: "national" | "provincial" | "municipal" | "county" | "township";
                            name: string;
                            /** Format: date-time */
                            registeredAt: string;
                            registrationEventId: string;
                            stationId: string | null;
                            term: string;
                        } & {
                            [key: string]: unknown;
                        };
                        deputyId: string;
                        /** @description 民生实事: programmes whose vote the deputy attended, project inspections and evaluations, candidates proposed (and the programmes and projects behind them) */
                        livelihood: {
                            candidatesProposed: number;
                            evaluations: number;
                            inspections: number;
                            programmeIds: string[];
                            projectIds: string[];
                            votesAttended: number;
                        };
                        loop: {
                            answeredBack: number;
                            opinions: number;
                            replied: number;
                            suggested: number;
                        };
                        pendingConfirmation: {
                            contactIds: string[];
                            contacts: number;
                            coSignatures: number;
                            suggestionIds: string[];
                        };
                        served: {
                            days: number;
                            from: string;
                            to: string;
                        } | null;
                        sources: {
                            contactIds: string[];
                            suggestionIds: string[];
                        };
                        suggestions: {
                            byCategory: {
                                A: number;
                                B: number;
                                C: number;
                                D: number;
                            };
                            byPhase: {
                                recess: number;
                                session: number;
                            };
                            coSigned: number;
                            evaluated: number;
                            led: number;
                        } & {
                            [key: string]: unknown;
                        };
                        year: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getDeputiesIdTimeline: {
        parameters: {
            query?: {
                /** @description the nextCursor of the previous page */
                cursor?: string;
                /** @description entries per page, 1–200; default 50 */
                limit?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the timeline */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deputyId: string;
                        entries: ({
                            eventId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            position: number;
                            /** @description bilingual */
                            summary: string;
                            type: string;
                            /** @description voided later: it no longer counts (the voiding is its own entry) */
                            voided: boolean;
                            voidedBy: string | null;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @description pass as `cursor` for the next (older) page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postEventsVoid: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    eventId: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Serving (`ok` or `catching-up`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description events appended but not yet projected */
                        lag: number | null;
                        phase?: string;
                        /** @description the position every read model has reached */
                        position: number | null;
                        /** @enum {string} */
                        status: "ok" | "catching-up" | "starting" | "stopped" | "failed";
                    };
                };
            };
            429: components["responses"]["Problem429"];
            /** @description Not serving (`starting`, `stopped`, `failed`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description events appended but not yet projected */
                        lag: number | null;
                        phase?: string;
                        /** @description the position every read model has reached */
                        position: number | null;
                        /** @enum {string} */
                        status: "ok" | "catching-up" | "starting" | "stopped" | "failed";
                    };
                };
            };
        };
    };
    getLivelihoodProgrammes: {
        parameters: {
            query?: {
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description the programmes' year; default this year (Asia/Shanghai) */
                year?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The programmes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        programmes: {
                            adopted: string[];
                            programmeId: string;
                            session: string;
                            slots: number;
                            /** @enum {string} */
                            stage: "collecting" | "screened" | "voting" | "closed";
                            title: string;
                            year: number;
                        }[];
                        year: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postLivelihoodProgrammes: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    collectUntil: string;
                    electorateSize: number;
                    programmeId: string;
                    session: string;
                    slots: number;
                    title: string;
                    year: number;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getLivelihoodProgrammesId: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset: milestones overdue as of then, progress reported by then; default now */
                asOf?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The programme */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        attendance: number;
                        boxes: {
                            ballots: number;
                            boxId: string;
                            /** Format: date-time */
                            countedAt: string;
                            invalid: number;
                        }[];
                        candidates: {
                            candidateId: string;
                            description: string;
                            estimatedBudgetYuan: number;
                            /** Format: date-time */
                            proposedAt: string;
                            proposedBy: {
                                id?: string;
                                /** @enum {string} */
                                kind: "deputy" | "station" | "unit" | "public";
                            };
                            responsibleUnitId: string;
                            title: string;
                        }[];
                        /** Format: date-time */
                        collectUntil: string;
                        electorateSize: number;
                        programmeId: string;
                        projects: {
                            evaluation: {
                                [key: string]: {
                                    basicallySatisfied: number;
                                    rate: number | null;
                                    rectification: boolean;
                                    satisfied: number;
                                    unsatisfied: number;
                                };
                            };
                            inspections: number;
                            milestones: {
                                /** Format: date-time */
                                dueAt: string;
                                milestoneId: string;
                                overdue: boolean;
                                title: string;
                            }[];
                            overdueMilestones: number;
                            progress: {
                                note: string;
                                percent: number;
                                /** Format: date-time */
                                reportedAt: string;
                                spentYuan: number;
                            } | null;
                            projectId: string;
                            responsibleUnitId: string;
                            title: string;
                        }[];
                        result: {
                            adopted: string[];
                            attendance: number;
                            ballots: number;
                            /** Format: date-time */
                            closedAt: string;
                            invalid: number;
                            recountMatches: boolean;
                            tally: {
                                [key: string]: {
                                    abstain: number;
                                    no: number;
                                    yes: number;
                                };
                            };
                            tieAtBoundary: string[];
                        } | null;
                        rounds: {
                            /** Format: date-time */
                            closesAt: string;
                            /** Format: date-time */
                            opensAt: string;
                            roundId: string;
                        }[];
                        session: string;
                        shortlist: {
                            candidateIds: string[];
                            /** Format: date-time */
                            decidedAt: string;
                            reason: string;
                        } | null;
                        slots: number;
                        /** @enum {string} */
                        stage: "collecting" | "screened" | "voting" | "closed";
                        title: string;
                        year: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postLivelihoodProgrammesIdAttendance: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    deputyIds: string[];
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postLivelihoodProgrammesIdBallotBoxes: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    ballots: {
                        choices: {
                            [key: string]: "yes" | "no" | "abstain";
                        };
                    }[];
                    boxId: string;
                    /** Format: date-time */
                    countedAt: string;
                    invalid: number;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postLivelihoodProgrammesIdCandidates: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    candidateId: string;
                    description: string;
                    estimatedBudgetYuan: number;
                    proposedBy: {
                        id?: string;
                        /** @enum {string} */
                        kind: "deputy" | "station" | "unit" | "public";
                    };
                    responsibleUnitId: string;
                    title: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postLivelihoodProgrammesIdCloseVote: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** Format: date-time */
                    closedAt: string;
                };
            };
        };
        responses: {
            /** @description Closed: the write's answer and the vote's result */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postLivelihoodProgrammesIdEvaluationRounds: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    closesAt: string;
                    /** Format: date-time */
                    opensAt: string;
                    roundId: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postLivelihoodProgrammesIdShortlist: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    candidateIds: string[];
                    /** Format: date-time */
                    decidedAt: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postLivelihoodProjectsIdEvaluations: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** Format: date-time */
                    evaluatedAt: string;
                    /** @enum {string} */
                    rating: "satisfied" | "basically-satisfied" | "unsatisfied";
                    roundId: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postLivelihoodProjectsIdInspections: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    deputyIds: string[];
                    findings: string;
                    inspectionId: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postLivelihoodProjectsIdMilestones: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    dueAt: string;
                    milestoneId: string;
                    title: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postLivelihoodProjectsIdProgress: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    note: string;
                    percent: number;
                    /** Format: date-time */
                    reportedAt: string;
                    spentYuan: number;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getMe: {
        parameters: {
            query?: {
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the token's sub */
                        id: string;
                        /** @description a deputy's level; null otherwise */
                        level: ("national" | "provincial" | "municipal" | "county" | "township") | null;
                        /** @description the deputy's or the unit's registered name; null for the other roles, or when not registered */
                        name: string | null;
                        /** @enum {string} */
                        role: "office" | "deputy" | "unit" | "clerk" | "auditor";
                        /** @description the clerk's station (its token's), a deputy's (the registry's); null otherwise */
                        stationId: string | null;
                        /** @description that station's registered name; null when none */
                        stationName: string | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 document of this server */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        info: {
                            [key: string]: unknown;
                        };
                        openapi: string;
                        paths: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            429: components["responses"]["Problem429"];
        };
    };
    getOpinions: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset (send + as %2B): statuses as of then; default now */
                asOf?: string;
                /** @description the nextCursor of the previous page */
                cursor?: string;
                /** @description items per page, 1–1000; default 100 */
                limit?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description only the opinions gathered at this station (a clerk: its own, the default) */
                stationId?: string;
                /** @description as of asOf: open (awaiting the answer, not past due), overdue, answered (awaiting the constituent), closed; default every referred opinion */
                status?: "open" | "overdue" | "answered" | "closed";
                /** @description only the opinions referred to this unit (a unit: its own, the default) */
                unitId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of referred opinions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        /** @description by due date in force, then contact and opinion id */
                        items: {
                            answer: {
                                /** Format: date-time */
                                answeredAt: string;
                                /** @enum {string} */
                                outcome: "resolved" | "explained" | "in-progress";
                                text: string;
                            } | null;
                            /** @enum {string} */
                            channel: "station" | "visit" | "online" | "hotline" | "survey";
                            contactId: string;
                            /**
                             * Format: date-time
                             * @description the due date in force as of asOf (a re-opening's after an unsatisfied constituent)
                             */
                            dueAt: string;
                            feedback: {
                                /** Format: date-time */
                                feedbackAt: string;
                                satisfied: boolean;
                            } | null;
                            /** Format: date-time */
                            occurredAt: string;
                            opinionId: string;
                            /** Format: date-time */
                            referredAt: string;
                            reopened: number;
                            stationId: string | null;
                            /** @enum {string} */
                            status: "open" | "overdue" | "answered" | "closed";
                            text: string;
                            unitId: string;
                        }[];
                        /** @description pass as `cursor` for the next page */
                        nextCursor: string | null;
                        stationId?: string;
                        status: ("open" | "overdue" | "answered" | "closed") | null;
                        unitId?: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getPeopleIdAccessLog: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The person's access log */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accesses: {
                            actorId: string;
                            actorRole: string;
                            /** Format: date-time */
                            at: string;
                            /** @description e.g. `contact C-1` */
                            what: string;
                        }[];
                        personId: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    postPeopleIdErasure: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Erased: the person, the event appended and its position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getRankings: {
        parameters: {
            query?: {
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description only the rankings of this year YYYY */
                period?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rankings published (without their answers) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        period: string | null;
                        rankings: {
                            answerDigest: string;
                            /** Format: date-time */
                            asOf: string;
                            period: string;
                            position: number;
                            /**
                             * Format: date-time
                             * @description the server's clock when it was published (its knownAt)
                             */
                            publishedAt: string;
                            rankingId: string;
                            rules: string;
                            treeSize: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postRankings: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    asOf: string;
                    period: string;
                    rankingId: string;
                    rules?: string;
                };
            };
        };
        responses: {
            /** @description Published: the ranking, its tree head and the answer's digest */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description SHA-256 of the answer's RFC 8785 canonical JSON */
                        answerDigest: string;
                        eventIds: string[];
                        id: string;
                        /**
                         * Format: date-time
                         * @description the server's clock at publication: only events recorded by then count
                         */
                        knownAt: string;
                        position: number;
                        rootHash: string;
                        treeSize: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getRankingsId: {
        parameters: {
            query?: {
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ranking, its tree head and digest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answer: {
                            /** Format: date-time */
                            asOf: string;
                            /** Format: date-time */
                            knownAt: string;
                            period: string;
                            rules: string;
                            rulesVersion: number;
                            units: {
                                assigned: number;
                                index: number | null;
                                indicators: {
                                    attention: number | null;
                                    completion: number | null;
                                    consultation: number | null;
                                    digital: number | null;
                                    publication: number | null;
                                    resolution: number | null;
                                    satisfaction: number | null;
                                };
                                insufficientData: boolean;
                                rank: number | null;
                                unitId: string;
                            }[];
                        };
                        answerDigest: string;
                        rankingId: string;
                        rootHash: string;
                        treeSize: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getRuleSets: {
        parameters: {
            query?: {
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rule sets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        default: string;
                        ruleSets: {
                            description?: string;
                            name: string;
                            options: {
                                /** @default 1 */
                                basicWeight: number;
                                /** @enum {string} */
                                evaluation?: "latest" | "first";
                                /** @default 5 */
                                minSuggestions: number;
                                /**
                                 * @default [
                                 *       "A"
                                 *     ]
                                 */
                                resolvedCategories: ("A" | "B" | "C" | "D")[];
                                /** @default 2 */
                                timelyDays: number;
                            };
                            version: number;
                            weights: {
                                attention: number;
                                completion: number;
                                consultation: number;
                                digital: number;
                                publication: number;
                                resolution: number;
                                satisfaction: number;
                            };
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getScores: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset (send + as %2B): the point in time asked about; default now */
                asOf?: string;
                /** @description ISO 8601 date-time with offset: only events recorded by then count (trust.md, known-at); default now */
                knownAt?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description a calendar year YYYY; default the year of asOf */
                period?: string;
                /** @description a rule set, name or name@version; default the default rule set */
                rules?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ranking (keys in RFC 8785 order) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        /** Format: date-time */
                        knownAt: string;
                        period: string;
                        rules: string;
                        rulesVersion: number;
                        units: {
                            assigned: number;
                            index: number | null;
                            indicators: {
                                attention: number | null;
                                completion: number | null;
                                consultation: number | null;
                                digital: number | null;
                                publication: number | null;
                                resolution: number | null;
                                satisfaction: number | null;
                            };
                            insufficientData: boolean;
                            rank: number | null;
                            unitId: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getStations: {
        parameters: {
            query?: {
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description part of the name (or the id), case-insensitive */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        stations: {
                            name: string;
                            region: string;
                            stationId: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postStations: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    region: string;
                    stationId: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postStationsIdCorrections: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    reason: string;
                    region?: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getStationsIdOpinions: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset (send + as %2B): contacts, confirmations and referrals as of then; default now */
                asOf?: string;
                /** @description the nextCursor of the previous page */
                cursor?: string;
                /** @description opinions per page, 1–1000; default 100 */
                limit?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description false: only the opinions not referred to a unit as of asOf; true: only those referred; default both */
                referred?: "true" | "false";
                /** @description the contacts' calendar year (Asia/Shanghai), from 1949; default the year of asOf */
                year?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the station's opinions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        /** @description the year's contacts newest first, then contact id, then the contact's own order of opinions */
                        items: {
                            /** @enum {string} */
                            channel: "station" | "visit" | "online" | "hotline" | "survey";
                            contactId: string;
                            /**
                             * Format: date-time
                             * @description the contact's time
                             */
                            occurredAt: string;
                            opinionId: string;
                            /** @description null: not referred to a unit as of asOf */
                            referral: {
                                /**
                                 * Format: date-time
                                 * @description the due date in force as of asOf
                                 */
                                dueAt: string;
                                /** Format: date-time */
                                referredAt: string;
                                /** @enum {string} */
                                status: "open" | "overdue" | "answered" | "closed";
                                unitId: string;
                            } | null;
                            stationId: string | null;
                            text: string;
                        }[];
                        /** @description pass as `cursor` for the next page */
                        nextCursor: string | null;
                        /** @description the filter asked; null: both */
                        referred: boolean | null;
                        stationId: string;
                        year: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getStationsIdRecord: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset (send + as %2B): statuses as of then; default now */
                asOf?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description calendar year (Asia/Shanghai), from 1949; default this year */
                year?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The station's record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answered: number;
                        /** Format: date-time */
                        asOf: string;
                        byChannel: {
                            [key: string]: number;
                        };
                        /** @description constituents received (人次) */
                        constituentsReceived: number;
                        deputiesActive: number;
                        feedbackSatisfied: number;
                        /** @description first answers by the due date, over the referrals answered or past due; null when none */
                        onTimeAnswerRate: number | null;
                        opinions: number;
                        /** @description contacts at the station in the year, every channel (接待) */
                        receptions: number;
                        referred: number;
                        resolved: number;
                        stationId: string;
                        year: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getSuggestions: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset (send + as %2B): the point in time asked about; default now */
                asOf?: string;
                /** @description the nextCursor of the previous page */
                cursor?: string;
                /** @description whole days, 0–3660: how soon a due date counts as due-soon */
                dueWithinDays?: string;
                /** @description ISO 8601 date-time with offset: only events recorded by then count (trust.md, known-at); default now */
                knownAt?: string;
                /** @description items per page, 1–1000; default 100 */
                limit?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description deadline status as of asOf; default open */
                status?: "overdue" | "due-soon" | "open" | "replied" | "closed" | "long-overdue" | "submitted";
                /** @description only the suggestions this unit leads or co-handles */
                unitId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the watch list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        dueWithinDays: number;
                        items: {
                            assignedAt: string | null;
                            confidential: boolean;
                            coSignerIds: string[];
                            coUnitIds: string[];
                            daysToDue: number | null;
                            /** @description the reply's, each co-unit's opinion's and each reply's publication deadline as of asOf */
                            deadlines: {
                                daysToDue: number;
                                /** Format: date-time */
                                dueAt: string;
                                /**
                                 * @description the lead unit's reply, a co-unit's opinion, a reply's publication
                                 * @enum {string}
                                 */
                                kind: "reply" | "co-unit-opinion" | "publication";
                                /** @description not met more than 30 days past due */
                                longOverdue: boolean;
                                /** @description when the act that meets it occurred, by asOf */
                                metAt: string | null;
                                overdue: boolean;
                                /** @description the reply round (reply, publication); null for a co-unit's opinion */
                                round: number | null;
                                /** @description who owes it */
                                unitId: string;
                            }[];
                            dueAt: string | null;
                            dueAtEventId: string | null;
                            dueSoon: boolean;
                            lastPosition: number;
                            leadDeputyId: string | null;
                            leadUnitId: string | null;
                            /** @description owing a reply more than 30 days past the due date in force (the long-overdue tier) */
                            longOverdue: boolean;
                            overdue: boolean;
                            replies: number;
                            round: number;
                            state: ("submitted" | "revising" | "returned" | "accepted" | "assigned" | "replied" | "rehandling" | "closed") | null;
                            /** @description `overdue`, `due-soon`, `open` while a reply is owed; else the lifecycle state */
                            status: ("overdue" | "due-soon" | "open" | "replied" | "closed" | "long-overdue" | "submitted") | ("submitted" | "revising" | "returned" | "accepted");
                            submittedAt: string | null;
                            suggestionId: string;
                            title: string | null;
                            /** @description the office's latest warning, shown until the lead unit's next step (a handling step or its reply) as of asOf */
                            warning: {
                                by: string;
                                note: string;
                                /** Format: date-time */
                                supervisedAt: string;
                                supervisionId: string;
                            } | null;
                        }[];
                        /** Format: date-time */
                        knownAt: string;
                        nextCursor: string | null;
                        /** @enum {string} */
                        status: "overdue" | "due-soon" | "open" | "replied" | "closed" | "long-overdue" | "submitted";
                        unitId: string | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postSuggestions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    body: string;
                    confidential?: boolean;
                    coSignerIds: string[];
                    leadDeputyId: string;
                    /** @enum {string} */
                    phase: "session" | "recess";
                    session: string;
                    sourceOpinionIds?: string[];
                    /** Format: date-time */
                    submittedAt: string;
                    suggestionId?: string;
                    title: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getSuggestionsId: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset (send + as %2B): the point in time asked about; default now */
                asOf?: string;
                /** @description whole days, 0–3660: how soon a due date counts as due-soon */
                dueWithinDays?: string;
                /** @description ISO 8601 date-time with offset: only events recorded by then count (trust.md, known-at); default now */
                knownAt?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suggestion's view and deadline flags */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        assignedAt: string | null;
                        assignments: {
                            /** Format: date-time */
                            assignedAt: string;
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            complex: boolean;
                            coUnitIds: string[];
                            /** Format: date-time */
                            dueAt: string;
                            eventId: string;
                            leadingOfficial: string | null;
                            leadUnitId: string;
                            policy: {
                                name: string;
                                version: number;
                            };
                            position: number;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                            supervisingOfficial: string | null;
                        }[];
                        confidential: boolean;
                        coSignatures: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            /** Format: date-time */
                            decidedAt: string;
                            /** @enum {string} */
                            decision: "accept" | "decline";
                            deputyId: string;
                            eventId: string;
                            position: number;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                        }[];
                        coSignerIds: string[];
                        daysToDue: number | null;
                        /** @description the reply's, each co-unit's opinion's and each reply's publication deadline as of asOf */
                        deadlines: {
                            daysToDue: number;
                            /** Format: date-time */
                            dueAt: string;
                            /**
                             * @description the lead unit's reply, a co-unit's opinion, a reply's publication
                             * @enum {string}
                             */
                            kind: "reply" | "co-unit-opinion" | "publication";
                            /** @description not met more than 30 days past due */
                            longOverdue: boolean;
                            /** @description when the act that meets it occurred, by asOf */
                            metAt: string | null;
                            overdue: boolean;
                            /** @description the reply round (reply, publication); null for a co-unit's opinion */
                            round: number | null;
                            /** @description who owes it */
                            unitId: string;
                        }[];
                        dueAt: string | null;
                        dueAtEventId: string | null;
                        dueSoon: boolean;
                        dueWithinDays: number;
                        evaluations: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            comment: string | null;
                            deputyId: string;
                            /** Format: date-time */
                            evaluatedAt: string;
                            eventId: string;
                            position: number;
                            /** @enum {string} */
                            rating: "satisfied" | "basically-satisfied" | "unsatisfied";
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                            rehandleDueAt: string | null;
                            round: number;
                        }[];
                        extensions: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            eventId: string;
                            /** Format: date-time */
                            grantedAt: string;
                            /** Format: date-time */
                            newDueAt: string;
                            position: number;
                            /** Format: date-time */
                            previousDueAt: string;
                            reason: string;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                        }[];
                        /** Format: date-time */
                        knownAt: string;
                        lastPosition: number;
                        leadDeputyId: string | null;
                        /** @description owing a reply more than 30 days past the due date in force (the long-overdue tier) */
                        longOverdue: boolean;
                        overdue: boolean;
                        /** @description the lead unit's requests waiting for the office's answer (a grant, a reassignment or a refusal) */
                        pendingRequests: {
                            extension: ({
                                /** @enum {string} */
                                act: "requested" | "refused";
                                /** Format: date-time */
                                at: string;
                                eventId: string;
                                position: number;
                                reason: string;
                                /** @enum {string} */
                                request: "extension" | "return";
                                requestedDueAt: string | null;
                                unitId: string | null;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            return: ({
                                /** @enum {string} */
                                act: "requested" | "refused";
                                /** Format: date-time */
                                at: string;
                                eventId: string;
                                position: number;
                                reason: string;
                                /** @enum {string} */
                                request: "extension" | "return";
                                requestedDueAt: string | null;
                                unitId: string | null;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                        };
                        phase: ("session" | "recess") | null;
                        preReviews: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            eventId: string;
                            /** @enum {string} */
                            outcome: "accept" | "revise" | "return";
                            position: number;
                            reason: string;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                            /** Format: date-time */
                            reviewedAt: string;
                        }[];
                        publications: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            eventId: string;
                            position: number;
                            /** Format: date-time */
                            publishedAt: string;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                            round: number;
                            url: string | null;
                        }[];
                        replies: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            /** @enum {string} */
                            category: "A" | "B" | "C" | "D";
                            eventId: string;
                            position: number;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                            /** Format: date-time */
                            repliedAt: string;
                            round: number;
                            text: string;
                            unitId: string;
                        }[];
                        /** @description the lead unit's requests (more time, hand back) and the office's refusals, in log order */
                        requests: ({
                            /** @enum {string} */
                            act: "requested" | "refused";
                            /** Format: date-time */
                            at: string;
                            eventId: string;
                            position: number;
                            reason: string;
                            /** @enum {string} */
                            request: "extension" | "return";
                            requestedDueAt: string | null;
                            unitId: string | null;
                        } & {
                            [key: string]: unknown;
                        })[];
                        revisions: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            body: string;
                            eventId: string;
                            position: number;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                            /** Format: date-time */
                            revisedAt: string;
                            title: string;
                        }[];
                        round: number;
                        session: string | null;
                        sourceOpinionIds: string[];
                        state: ("submitted" | "revising" | "returned" | "accepted" | "assigned" | "replied" | "rehandling" | "closed") | null;
                        /** @description `overdue`, `due-soon`, `open` while a reply is owed; else the lifecycle state */
                        status: ("overdue" | "due-soon" | "open" | "replied" | "closed" | "long-overdue" | "submitted") | ("submitted" | "revising" | "returned" | "accepted");
                        steps: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            deputyPresent: boolean | null;
                            eventId: string;
                            /** @enum {string} */
                            kind: "plan" | "head-led" | "leadership-meeting" | "consultation" | "site-visit" | "progress" | "co-unit-opinion";
                            note: string | null;
                            /** Format: date-time */
                            occurredAt: string;
                            position: number;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                            /** @enum {string} */
                            recordedVia: "online" | "backfill";
                            unitId: string;
                        }[];
                        submissions: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            body: string;
                            confidential: boolean;
                            coSignerIds: string[];
                            eventId: string;
                            leadDeputyId: string;
                            /** @enum {string} */
                            phase: "session" | "recess";
                            position: number;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                            session: string;
                            sourceOpinionIds: string[];
                            /** Format: date-time */
                            submittedAt: string;
                            title: string;
                        }[];
                        submittedAt: string | null;
                        suggestionId: string;
                        /** @description the office's supervision acts (督办) */
                        supervisions: ({
                            by: string;
                            eventId: string;
                            /** @enum {string} */
                            kind: "warning" | "leader-supervision" | "site-review" | "interview";
                            note: string;
                            position: number;
                            /** Format: date-time */
                            supervisedAt: string;
                            supervisionId: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        title: string | null;
                        units: {
                            coUnitIds: string[];
                            leadUnitId: string;
                        } | null;
                        voided: {
                            /**
                             * @description present when the event was written under a backfill (trust.md)
                             * @constant
                             */
                            backfilled?: true;
                            eventId: string;
                            position: number;
                            reason: string;
                            /**
                             * Format: date-time
                             * @description when the ledger received the event
                             */
                            recordedAt: string;
                            /** Format: date-time */
                            voidedAt: string;
                            /** @description the voided event (`eventId`/`position` are the voiding's) */
                            voidedEventId: string;
                            voidedType: string;
                        }[];
                        /** @description the office's latest warning, shown until the lead unit's next step (a handling step or its reply) as of asOf */
                        warning: {
                            by: string;
                            note: string;
                            /** Format: date-time */
                            supervisedAt: string;
                            supervisionId: string;
                        } | null;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postSuggestionsIdAssignment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    assignedAt: string;
                    backfillId?: string;
                    complex: boolean;
                    coUnitIds: string[];
                    leadingOfficial?: string;
                    leadUnitId: string;
                    policy?: {
                        name: string;
                    };
                    /** Format: date-time */
                    sessionClosedAt?: string;
                    supervisingOfficial?: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description the due date the deadline policy computed
                         */
                        dueAt: string;
                        eventIds: string[];
                        id: string;
                        /** @description the deadline policy applied */
                        policy: unknown;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdCoSignature: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    /** @enum {string} */
                    decision: "accept" | "decline";
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdEvaluation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    comment?: string;
                    /** Format: date-time */
                    evaluatedAt: string;
                    /** @enum {string} */
                    rating: "satisfied" | "basically-satisfied" | "unsatisfied";
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                        /**
                         * Format: date-time
                         * @description the re-handling's due date, after an unsatisfied rating
                         */
                        rehandleDueAt?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdExtension: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** Format: date-time */
                    grantedAt: string;
                    /** Format: date-time */
                    newDueAt: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdExtensionRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    reason: string;
                    /** Format: date-time */
                    requestedDueAt: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdExtensionRequestRefusal: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdPreReview: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** @enum {string} */
                    outcome: "accept" | "revise" | "return";
                    reason: string;
                    /** Format: date-time */
                    reviewedAt: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdPublication: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** Format: date-time */
                    publishedAt: string;
                    /** Format: uri */
                    url?: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdReassignment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    assignedAt: string;
                    backfillId?: string;
                    complex: boolean;
                    coUnitIds: string[];
                    leadingOfficial?: string;
                    leadUnitId: string;
                    policy?: {
                        name: string;
                    };
                    /** Format: date-time */
                    sessionClosedAt?: string;
                    supervisingOfficial?: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description the due date the deadline policy computed from the new assignment
                         */
                        dueAt: string;
                        eventIds: string[];
                        id: string;
                        /** @description the deadline policy applied */
                        policy: unknown;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdReply: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    /** @enum {string} */
                    category: "A" | "B" | "C" | "D";
                    /** Format: date-time */
                    repliedAt: string;
                    text: string;
                    unitId: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdReturnRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdReturnRequestRefusal: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdRevision: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    body: string;
                    /** Format: date-time */
                    revisedAt: string;
                    title: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdSteps: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    backfillId?: string;
                    deputyPresent?: boolean;
                    /** @enum {string} */
                    kind: "plan" | "head-led" | "leadership-meeting" | "consultation" | "site-visit" | "progress" | "co-unit-opinion";
                    note?: string;
                    /** Format: date-time */
                    occurredAt: string;
                    /** @enum {string} */
                    recordedVia: "online" | "backfill";
                    unitId: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postSuggestionsIdSupervision: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    backfillId?: string;
                    by: string;
                    /** @enum {string} */
                    kind: "warning" | "leader-supervision" | "site-review" | "interview";
                    note: string;
                    supervisionId: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getUnits: {
        parameters: {
            query?: {
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The units */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        units: {
                            correctedAt: string | null;
                            name: string;
                            /** Format: date-time */
                            registeredAt: string;
                            unitId: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    postUnits: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    unitId: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    postUnitsIdCorrections: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer for a repeated key and body (409 for another body). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Recorded: the entity, the events appended and the last position */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventIds: string[];
                        id: string;
                        position: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getUnitsIdLivelihoodProjects: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset: milestones overdue as of then, progress reported by then; default now */
                asOf?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The unit's projects */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        projects: {
                            estimatedBudgetYuan: number;
                            evaluation: {
                                [key: string]: {
                                    basicallySatisfied: number;
                                    rate: number | null;
                                    rectification: boolean;
                                    satisfied: number;
                                    unsatisfied: number;
                                };
                            };
                            inspections: number;
                            milestones: {
                                /** Format: date-time */
                                dueAt: string;
                                milestoneId: string;
                                overdue: boolean;
                                title: string;
                            }[];
                            overdueMilestones: number;
                            programmeId: string;
                            programmeTitle: string;
                            progress: {
                                note: string;
                                percent: number;
                                /** Format: date-time */
                                reportedAt: string;
                                spentYuan: number;
                            } | null;
                            projectId: string;
                            responsibleUnitId: string;
                            title: string;
                            year: number;
                        }[];
                        unitId: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getUnitsIdScores: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset (send + as %2B): the point in time asked about; default now */
                asOf?: string;
                /** @description ISO 8601 date-time with offset: only events recorded by then count (trust.md, known-at); default now */
                knownAt?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description a calendar year YYYY; default the year of asOf */
                period?: string;
                /** @description a rule set, name or name@version; default the default rule set */
                rules?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The unit's scores */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        assigned: number;
                        effectiveWeights: {
                            attention: number | null;
                            completion: number | null;
                            consultation: number | null;
                            digital: number | null;
                            publication: number | null;
                            resolution: number | null;
                            satisfaction: number | null;
                        };
                        index: number | null;
                        indicators: {
                            attention: {
                                components: {
                                    headLed: boolean;
                                    leadershipMeeting: boolean;
                                    planShare: number | null;
                                };
                                contributions: {
                                    /** @constant */
                                    backfilled?: true;
                                    denominator: number;
                                    eventIds: string[];
                                    numerator: number;
                                    suggestionId: string;
                                }[];
                                denominator: number;
                                eventIds: string[];
                                numerator: number;
                                suggestionIds: string[];
                                value: number | null;
                            };
                            completion: {
                                contributions: {
                                    /** @constant */
                                    backfilled?: true;
                                    denominator: number;
                                    eventIds: string[];
                                    numerator: number;
                                    suggestionId: string;
                                }[];
                                denominator: number;
                                eventIds: string[];
                                numerator: number;
                                suggestionIds: string[];
                                value: number | null;
                            };
                            consultation: {
                                contributions: {
                                    /** @constant */
                                    backfilled?: true;
                                    denominator: number;
                                    eventIds: string[];
                                    numerator: number;
                                    suggestionId: string;
                                }[];
                                denominator: number;
                                eventIds: string[];
                                numerator: number;
                                suggestionIds: string[];
                                value: number | null;
                            };
                            digital: {
                                contributions: {
                                    /** @constant */
                                    backfilled?: true;
                                    denominator: number;
                                    eventIds: string[];
                                    numerator: number;
                                    suggestionId: string;
                                }[];
                                denominator: number;
                                eventIds: string[];
                                numerator: number;
                                suggestionIds: string[];
                                value: number | null;
                            };
                            publication: {
                                contributions: {
                                    /** @constant */
                                    backfilled?: true;
                                    denominator: number;
                                    eventIds: string[];
                                    numerator: number;
                                    suggestionId: string;
                                }[];
                                denominator: number;
                                eventIds: string[];
                                numerator: number;
                                suggestionIds: string[];
                                value: number | null;
                            };
                            resolution: {
                                contributions: {
                                    /** @constant */
                                    backfilled?: true;
                                    denominator: number;
                                    eventIds: string[];
                                    numerator: number;
                                    suggestionId: string;
                                }[];
                                denominator: number;
                                eventIds: string[];
                                numerator: number;
                                suggestionIds: string[];
                                value: number | null;
                            };
                            satisfaction: {
                                contributions: {
                                    /** @constant */
                                    backfilled?: true;
                                    denominator: number;
                                    eventIds: string[];
                                    numerator: number;
                                    suggestionId: string;
                                }[];
                                denominator: number;
                                eventIds: string[];
                                numerator: number;
                                suggestionIds: string[];
                                value: number | null;
                            };
                        };
                        insufficientData: boolean;
                        /** Format: date-time */
                        knownAt: string;
                        period: string;
                        rules: string;
                        rulesVersion: number;
                        unitId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getUnitsIdSuggestions: {
        parameters: {
            query?: {
                /** @description ISO 8601 date-time with offset (send + as %2B): the point in time asked about; default now */
                asOf?: string;
                /** @description the nextCursor of the previous page */
                cursor?: string;
                /** @description whole days, 0–3660: how soon a due date counts as due-soon */
                dueWithinDays?: string;
                /** @description ISO 8601 date-time with offset: only events recorded by then count (trust.md, known-at); default now */
                knownAt?: string;
                /** @description items per page, 1–1000; default 100 */
                limit?: string;
                /** @description a log position (a write's `position`): wait until the read models reach it, else 503 */
                minPosition?: string;
                /** @description deadline status as of asOf; default open */
                status?: "overdue" | "due-soon" | "open" | "replied" | "closed" | "long-overdue" | "submitted";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the unit's watch list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        dueWithinDays: number;
                        items: {
                            assignedAt: string | null;
                            confidential: boolean;
                            coSignerIds: string[];
                            coUnitIds: string[];
                            daysToDue: number | null;
                            /** @description the reply's, each co-unit's opinion's and each reply's publication deadline as of asOf */
                            deadlines: {
                                daysToDue: number;
                                /** Format: date-time */
                                dueAt: string;
                                /**
                                 * @description the lead unit's reply, a co-unit's opinion, a reply's publication
                                 * @enum {string}
                                 */
                                kind: "reply" | "co-unit-opinion" | "publication";
                                /** @description not met more than 30 days past due */
                                longOverdue: boolean;
                                /** @description when the act that meets it occurred, by asOf */
                                metAt: string | null;
                                overdue: boolean;
                                /** @description the reply round (reply, publication); null for a co-unit's opinion */
                                round: number | null;
                                /** @description who owes it */
                                unitId: string;
                            }[];
                            dueAt: string | null;
                            dueAtEventId: string | null;
                            dueSoon: boolean;
                            lastPosition: number;
                            leadDeputyId: string | null;
                            leadUnitId: string | null;
                            /** @description owing a reply more than 30 days past the due date in force (the long-overdue tier) */
                            longOverdue: boolean;
                            overdue: boolean;
                            replies: number;
                            round: number;
                            state: ("submitted" | "revising" | "returned" | "accepted" | "assigned" | "replied" | "rehandling" | "closed") | null;
                            /** @description `overdue`, `due-soon`, `open` while a reply is owed; else the lifecycle state */
                            status: ("overdue" | "due-soon" | "open" | "replied" | "closed" | "long-overdue" | "submitted") | ("submitted" | "revising" | "returned" | "accepted");
                            submittedAt: string | null;
                            suggestionId: string;
                            title: string | null;
                            /** @description the office's latest warning, shown until the lead unit's next step (a handling step or its reply) as of asOf */
                            warning: {
                                by: string;
                                note: string;
                                /** Format: date-time */
                                supervisedAt: string;
                                supervisionId: string;
                            } | null;
                        }[];
                        /** Format: date-time */
                        knownAt: string;
                        nextCursor: string | null;
                        /** @enum {string} */
                        status: "overdue" | "due-soon" | "open" | "replied" | "closed" | "long-overdue" | "submitted";
                        unitId: string | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
}
