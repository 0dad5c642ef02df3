/**
 * A child process for the SQLite store's int tests: appends to the store at argv[2] with the
 * durability argv[3], in waves of concurrent appends (group commit), printing one line per
 * acknowledged append: `ACK <position> <id>,<id>,…`. With argv[4] = "forever" it appends until
 * killed; with a number it runs that many waves, closes the store and prints `DONE`.
 * Run it with `node --conditions=source --import tsx`.
 */
import { newEventId } from "./event-id.js";
import { createSqliteEventStore, type SqliteDurability } from "./sqlite-event-store.js";

const [path, durability, waves] = process.argv.slice(2);
if (path === undefined || (durability !== "full" && durability !== "normal") || waves === undefined) {
  throw new Error("usage: sqlite-append-child <path> <full|normal> <forever|waves>");
}

const store = createSqliteEventStore({ path, durability: durability as SqliteDurability });
const actor = { id: "crash-child", role: "system" };
const APPENDS_PER_WAVE = 20;

let sequence = 0;
async function wave(): Promise<void> {
  await Promise.all(
    Array.from({ length: APPENDS_PER_WAVE }, async (_, i) => {
      const events = Array.from({ length: 1 + (i % 3) }, () => ({
        id: newEventId(),
        type: "CrashTested",
        data: { sequence: sequence++, pid: process.pid },
        metadata: { actor },
      }));
      const result = await store.append(`child-${i % 5}`, events);
      process.stdout.write(`ACK ${result.position} ${events.map((event) => event.id).join(",")}\n`);
    }),
  );
}

if (waves === "forever") {
  for (;;) await wave();
} else {
  for (let i = 0; i < Number(waves); i++) await wave();
  await store.close();
  process.stdout.write("DONE\n");
}
