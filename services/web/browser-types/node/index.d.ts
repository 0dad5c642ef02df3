/**
 * Not Node's types: the browser client's type check (`tsconfig.client.json`, `typeRoots`)
 * resolves `/// <reference types="node" />` here. The client imports the query API's answer
 * types from `@duty-ledger/projections`, whose declarations reach server libraries
 * (better-sqlite3, pino) that reference Node's types; those parts of them stay unresolved
 * (`skipLibCheck`), and no Node global (`process`, `Buffer`, `NodeJS.*`) enters the page's
 * code. `api-types.ts` fails to compile should Node's types come in another way.
 */
export {};
