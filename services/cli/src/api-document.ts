import { auditRouteDescriptions, transparencyRouteDescriptions } from "@duty-ledger/audit";
import { buildOpenApiDocument, openApiRouteDescription, type OpenApiDocument, type RouteDescription } from "@duty-ledger/http-kit";
import { livelihoodRouteDescriptions, peopleRouteDescriptions, rankingRouteDescriptions, voiceRouteDescriptions, writeRouteDescriptions } from "@duty-ledger/ledger-api";
import { livelihoodReadRouteDescriptions, readRouteDescriptions, voiceReadRouteDescriptions } from "@duty-ledger/query-api";

/**
 * The routes of the all-in-one server (`startServer`) as the OpenAPI document describes them:
 * each router's module describes its own routes; the contract test
 * (openapi-contract.int.test.ts) checks that this lists exactly the routes the routers serve.
 */
export const apiRouteDescriptions = (): readonly RouteDescription[] => [
  ...writeRouteDescriptions,
  ...peopleRouteDescriptions,
  ...rankingRouteDescriptions,
  ...livelihoodRouteDescriptions,
  ...voiceRouteDescriptions,
  ...readRouteDescriptions,
  ...livelihoodReadRouteDescriptions,
  ...voiceReadRouteDescriptions,
  ...auditRouteDescriptions(),
  ...transparencyRouteDescriptions,
  openApiRouteDescription,
];

const tags = [
  { name: "writes", description: "The write API: each write appends events to the log (201 `{id, eventIds, position}`); `Idempotency-Key` replays" },
  { name: "people", description: "Personal data (PIPL): people sealed per person, shown by role, erased by key destruction" },
  { name: "rankings", description: "Published rankings bound to the log's tree head" },
  { name: "livelihood", description: "民生实事项目票决: livelihood programmes voted by the deputies, their projects followed and evaluated" },
  { name: "voice", description: "听民意: constituents' opinions referred to units and answered (转办), stations measured, the deputies' other duty activities" },
  { name: "reads", description: "The read API over the projections; `minPosition` waits for a write to be read" },
  { name: "audit", description: "The auditor's view of the log: its events and their verification" },
  { name: "transparency", description: "The transparency log: signed tree heads, checkpoints, inclusion and consistency proofs (RFC 9162)" },
  { name: "meta", description: "Health and this document" },
];

/** The OpenAPI 3.1 document of the all-in-one server, served at `GET /v1/openapi.json`. */
export const buildApiDocument = (): OpenApiDocument =>
  buildOpenApiDocument(
    {
      title: "duty-ledger API",
      version: "1",
      description:
        "The performance-of-duty ledger of people's congress deputies and the handling of their suggestions: an event-sourced log written through the write API, read through projections, audited and proven through the transparency log. Errors are `application/problem+json` (RFC 9457). The interactive reference is at `/docs`.",
    },
    apiRouteDescriptions(),
    tags,
  );
