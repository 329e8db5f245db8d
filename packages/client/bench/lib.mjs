// What the client's benchmarks share: the LiveDesk stand-in on the loopback and per-call timing; turns, medians and
// tables come from scripts/bench-lib.mjs, which the mock's benchmarks use too.
import { fork } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openapiJsonPath } from "@livedesk/openapi";
import { median, takeTurns } from "../../../scripts/bench-lib.mjs";

export { integer, median, ratioByRound, table, times } from "../../../scripts/bench-lib.mjs";

/** LiveDesk's page size for List Contacts. */
export const PAGE_SIZE = 15;
export const API_KEY = "bench-key";
export const API_SECRET = "bench-secret";
export const AUTHORIZATION = `Basic ${btoa(`${API_KEY}:${API_SECRET}`)}`;
export const CONTACTS_PATH = "/api/v2/accounts/contacts";

// The contact of the spec's List Contacts example, so that every page has a realistic size and shape. Everything
// after `{"id":…,`: JSON.stringify drops the undefined id.
const { value: example } = JSON.parse(readFileSync(openapiJsonPath, "utf8")).components.examples.ListContactsPage;
const contactRest = JSON.stringify({ ...example.payload[0], id: undefined }).slice(1);

/**
 * Page `page` (from 1) of a listing of `total` contacts with ids 1…total, as List Contacts sends it: `meta.count` is
 * the total and `meta.current_page` a string. Built by concatenation, so that the server's work stays small.
 */
export function pageBody(page, total) {
  const contacts = [];
  for (let id = (page - 1) * PAGE_SIZE + 1; id <= Math.min(page * PAGE_SIZE, total); id += 1) {
    contacts.push(`{"id":${id},${contactRest}`);
  }
  return `{"meta":{"count":${total},"current_page":"${page}"},"payload":[${contacts.join(",")}]}`;
}

/**
 * Starts server.mjs in a child process, so that it has a core of its own and does not share the event loop of the
 * client being measured. `url(total, latencyMs)` is the base URL of a listing of `total` contacts answered after
 * `latencyMs`; `close()` stops it.
 */
export async function startServer() {
  const child = fork(fileURLToPath(new URL("./server.mjs", import.meta.url)));
  const [{ port }] = await once(child, "message");
  return {
    url: (total, latencyMs = 0) => `http://127.0.0.1:${port}/${total}/${latencyMs}`,
    async close() {
      child.kill();
      await once(child, "exit");
    },
  };
}

/**
 * Times each of `contenders` (name → async function), one call in flight: after `warmup` calls each, `rounds` rounds
 * in which every contender makes `perRound` calls, taking turns (`takeTurns`). Returns name → the median
 * milliseconds per call of each round.
 */
export async function timeRounds(contenders, { warmup, rounds, perRound }) {
  for (const run of Object.values(contenders)) {
    for (let call = 0; call < warmup; call += 1) {
      await run();
    }
  }
  return takeTurns(Object.keys(contenders), rounds, async (name) => {
    const times = [];
    for (let call = 0; call < perRound; call += 1) {
      const start = performance.now();
      await contenders[name]();
      times.push(performance.now() - start);
    }
    return median(times);
  });
}

export const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
