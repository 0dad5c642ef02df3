import { GenericContainer, Wait, getContainerRuntimeClient, type StartedTestContainer } from "testcontainers";
import { describe, it } from "vitest";

/**
 * Where tests that need EventStoreDB find one:
 * - the server at `EVENTSTORE_URL` when set (e.g. `esdb://localhost:2113?tls=false`), else
 * - a throw-away single node (`eventstore/eventstore:24.10`, insecure, in memory) started with
 *   testcontainers when a Docker engine answers, else
 * - nothing: the caller reports its tests as skipped with one line saying why — or fails them
 *   when `REQUIRE_EVENTSTORE=1` (CI machines that must prove the EventStoreDB path).
 */
export type EventStoreDbTarget =
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "container" }
  | { readonly kind: "none"; readonly reason: string };

export const EVENTSTORE_IMAGE = "eventstore/eventstore:24.10";
const HTTP_PORT = 2113;

export const findEventStoreDb = async (env: NodeJS.ProcessEnv = process.env): Promise<EventStoreDbTarget> => {
  const url = env["EVENTSTORE_URL"];
  if (url !== undefined && url.trim() !== "") return { kind: "url", url: url.trim() };
  try {
    await getContainerRuntimeClient();
    return { kind: "container" };
  } catch (error) {
    return { kind: "none", reason: `no EVENTSTORE_URL and no Docker engine (${error instanceof Error ? error.message : String(error)})` };
  }
};

/** Whether this run must prove the EventStoreDB path (`REQUIRE_EVENTSTORE=1`): no skipping then. */
export const eventStoreDbRequired = (env: NodeJS.ProcessEnv = process.env): boolean => env["REQUIRE_EVENTSTORE"] === "1";

export interface EventStoreDbServer {
  readonly connectionString: string;
  /** Stops the container this started (nothing for a server at `EVENTSTORE_URL`). */
  stop(): Promise<void>;
}

/** The server of a target found by `findEventStoreDb`, starting a container when that is the way (allow ~2 min). */
export const startEventStoreDb = async (target: Exclude<EventStoreDbTarget, { kind: "none" }>): Promise<EventStoreDbServer> => {
  if (target.kind === "url") return { connectionString: target.url, stop: async () => undefined };
  const container: StartedTestContainer = await new GenericContainer(EVENTSTORE_IMAGE)
    .withEnvironment({
      EVENTSTORE_INSECURE: "true",
      EVENTSTORE_MEM_DB: "true",
      EVENTSTORE_RUN_PROJECTIONS: "None",
      EVENTSTORE_START_STANDARD_PROJECTIONS: "false",
      EVENTSTORE_CLUSTER_SIZE: "1",
    })
    .withExposedPorts(HTTP_PORT)
    .withWaitStrategy(Wait.forHttp("/health/live", HTTP_PORT).forStatusCode(204))
    .withStartupTimeout(120_000)
    .start();
  return {
    connectionString: `esdb://${container.getHost()}:${container.getMappedPort(HTTP_PORT)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
};

/**
 * Declares `suite` when EventStoreDB is reachable (`target` from `findEventStoreDb`). Otherwise
 * prints `<title> skipped: <reason>` and reports one skipped test — or, under
 * `REQUIRE_EVENTSTORE=1`, one failing test saying why it cannot run.
 */
export const describeWithEventStoreDb = (
  title: string,
  target: EventStoreDbTarget,
  suite: (reachable: Exclude<EventStoreDbTarget, { kind: "none" }>) => void,
): void => {
  if (target.kind !== "none") {
    suite(target);
    return;
  }
  if (eventStoreDbRequired()) {
    describe(title, () => {
      it("runs against EventStoreDB (REQUIRE_EVENTSTORE=1)", () => {
        throw new Error(`${title} required (REQUIRE_EVENTSTORE=1) but cannot run: ${target.reason}`);
      });
    });
    return;
  }
  console.warn(`${title} skipped: ${target.reason}`);
  describe.skip(title, () => {
    it("needs EventStoreDB (EVENTSTORE_URL or a Docker engine)", () => {});
  });
};
