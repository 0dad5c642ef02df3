/**
 * PostgreSQL connection strings (`DATABASE_URL`): checked before any connection is tried, and
 * shown with the password masked.
 */

/** What is wrong with `url` as a PostgreSQL connection string, or `null`. */
export function postgresUrlProblem(url: string): string | null {
  if (!/^postgres(ql)?:\/\//i.test(url)) return "must be a postgres:// or postgresql:// URL (postgres://user:password@host:port/database)";
  try {
    const parsed = new URL(url);
    if (parsed.hostname === "" && !parsed.searchParams.has("host")) return "names no host";
  } catch (error) {
    return `is not a URL (${error instanceof Error ? error.message : String(error)})`;
  }
  return null;
}

/** The connection string with its password masked, for messages. */
export const maskConnectionString = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
