// What the benchmarks share: the LiveDesk stand-in on the loopback, interleaved timing, and Markdown tables.
import { fork } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openapiJsonPath } from "@livedesk/openapi";

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

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[Math.floor(middle)];
}

/**
 * Times each of `contenders` (name → async function), one call in flight: after `warmup` calls each, `rounds` rounds
 * in which every contender makes `perRound` calls. The order rotates every round and garbage is collected before
 * each contender's turn, so that a slower phase of a shared machine, or another's garbage, hits all alike.
 * Returns name → the median milliseconds per call of each round.
 */
export async function timeRounds(contenders, { warmup, rounds, perRound }) {
  const entries = Object.entries(contenders);
  for (const [, run] of entries) {
    for (let call = 0; call < warmup; call += 1) {
      await run();
    }
  }
  const medians = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (let turn = 0; turn < entries.length; turn += 1) {
      const [name, run] = entries[(turn + round) % entries.length];
      globalThis.gc?.();
      const times = [];
      for (let call = 0; call < perRound; call += 1) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      medians[name].push(median(times));
    }
  }
  return medians;
}

/** The median over rounds of `a`'s figure divided by `b`'s, from two lists filled side by side (as by timeRounds). */
export const ratioByRound = (a, b) => median(a.map((value, round) => value / b[round]));

export const times = (ratio) => `${ratio.toFixed(2)}×`;
export const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
export const integer = (value) => Math.round(value).toLocaleString("en-US");

/** A Markdown table; the first column is text, the others are figures (right-aligned). */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, index) => (index === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}
