import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { API_SCHEMA_FILE, apiClientSchemaText } from "../src/api-client-schema.js";

// Writes the page's API types from the API document (see src/api-client-schema.ts).
const root = fileURLToPath(new URL("../../../", import.meta.url));
await writeFile(`${root}${API_SCHEMA_FILE}`, await apiClientSchemaText());
console.log(`wrote ${API_SCHEMA_FILE}`);
