import openapiTS, { astToString } from "openapi-typescript";
import { buildApiDocument } from "./api-document.js";

/**
 * The page's typed client is generated from the API document (`GET /v1/openapi.json`):
 * openapi-typescript turns the document into the types of every path, its parameters, bodies
 * and answers (`services/web/src/client/api-schema.ts`, committed), and the page calls the API
 * through openapi-fetch typed with them. `pnpm generate:api-client` rewrites the file;
 * api-client-schema.int.test.ts fails when it is not what the document gives.
 */

export const API_SCHEMA_FILE = "services/web/src/client/api-schema.ts";

const HEADER = `/**
 * GENERATED from the API document (\`GET /v1/openapi.json\`) by openapi-typescript: do not edit.
 * Run \`pnpm generate:api-client\` after changing a route's schemas (services/cli/src/api-client-schema.ts).
 */
/* eslint-disable */
`;

/** The text of the generated types module. */
export async function apiClientSchemaText(): Promise<string> {
  const document = buildApiDocument();
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return `${HEADER}${astToString(ast)}`;
}
