/**
 * A child process for the PostgreSQL store's int tests: appends `appends` times to the store at
 * argv[2], `concurrency` appends in flight at once (so several transactions of this process and
 * of its siblings commit out of order), batches of 1 to 40 events over a few streams, and prints
 * one line per acknowledged append: `ACK <position> <id>,<id>,…`, then `DONE`.
 * Run it with `node --conditions=source --import tsx`.
 */
import { newEventId } from "./event-id.js";
import { createPostgresEventStore } from "./pg-event-store.js";

const [connectionString, appendsText, concurrencyText] = process.argv.slice(2);
if (connectionString === undefined || appendsText === undefined || concurrencyText === undefined) {
  throw new Error("usage: pg-append-child <connection string> <appends> <concurrency>");
}

const store = createPostgresEventStore({ connectionString, poolSize: Number(concurrencyText), pollIntervalMs: 0 });
const actor = { id: "pg-child", role: "system" };
let next = 0;
const total = Number(appendsText);

async function worker(): Promise<void> {
  while (next < total) {
    const n = next++;
    const size = n % 7 === 0 ? 40 : 1 + (n % 4);
    const events = Array.from({ length: size }, (_, i) => ({ id: newEventId(), type: "ConcurrencyTested", data: { n, i, pid: process.pid }, metadata: { actor } }));
    const result = await store.append(`pg-child-${process.pid}-${n % 5}`, events);
    process.stdout.write(`ACK ${result.position} ${events.map((event) => event.id).join(",")}\n`);
  }
}

await Promise.all(Array.from({ length: Number(concurrencyText) }, worker));
await store.close();
process.stdout.write("DONE\n");
