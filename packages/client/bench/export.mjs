// contacts.listAll: throughput against a hand-written fetch loop, and the memory an export holds as it grows.
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { integer, median, mib, PAGE_SIZE, ratioByRound, startServer, table, times } from "./lib.mjs";

// Without latency an export is bound by the client's CPU and moves with other load: the median of three. Concurrency
// pays off when each answer takes a while.
const THROUGHPUT = [
  { total: 100_000, latencyMs: 0, repeats: 3, concurrencies: [1] },
  { total: 1_000, latencyMs: 20, repeats: 1, concurrencies: [1, 8] },
];
const [SMALL, LARGE] = [10_000, 100_000];
const MEMORY_CONCURRENCIES = [1, 8];
const GC_EVERY = 1_500;

export const title = "Export: contacts.listAll throughput and memory";
export const about = `\`client.contacts.listAll({}, { concurrency })\` reads pages of ${PAGE_SIZE} from a \`node:http\` server in its own process, which waits the given latency before each answer; each export runs in a fresh process and checks that every contact arrives once and in order. The baseline is a hand-written loop of \`fetch\` and \`response.json()\`, one page at a time. Readers take turns; rows at 0 ms are the median of ${THROUGHPUT[0].repeats} exports, and their ratios the median of the ratios within a turn. Memory: exports of ${integer(SMALL)} and ${integer(LARGE)} contacts with a forced GC every ${integer(GC_EVERY)} contacts; the peak live heap is the largest heap right after one of those collections (the heap at the start included), what an export holds whatever the GC's timing.`;

/** One export in a fresh process; resolves to what export-child.mjs reports. */
async function exportOnce(url, total, reader, concurrency, gcEvery = 0) {
  const child = fork(
    fileURLToPath(new URL("./export-child.mjs", import.meta.url)),
    [url, total, reader, concurrency, gcEvery].map(String),
    { execArgv: ["--expose-gc"] },
  );
  let result;
  child.on("message", (message) => {
    result = message;
  });
  const [code] = await once(child, "exit");
  if (code !== 0 || !result) {
    throw new Error(`${reader} export of ${total} contacts (concurrency ${concurrency}) exited with ${code}`);
  }
  return result;
}

async function throughputRows(server) {
  const rows = [];
  for (const { total, latencyMs, repeats, concurrencies } of THROUGHPUT) {
    const readers = [["fetch loop", 1], ...concurrencies.map((concurrency) => ["listAll", concurrency])];
    const tries = readers.map(() => []);
    // Readers take turns, so that a busier phase of a shared machine hits them alike.
    for (let attempt = 0; attempt < repeats; attempt += 1) {
      for (const [index, [reader, concurrency]] of readers.entries()) {
        tries[index].push(
          (await exportOnce(server.url(total, latencyMs), total, reader, concurrency)).contactsPerSecond,
        );
      }
    }
    for (const [index, [reader, concurrency]] of readers.entries()) {
      const name = reader === "listAll" ? `listAll, concurrency ${concurrency}` : reader;
      rows.push([
        `${integer(total)} contacts, ${latencyMs} ms, ${name}`,
        integer(median(tries[index])),
        times(ratioByRound(tries[index], tries[0])),
      ]);
    }
  }
  return rows;
}

export async function run() {
  const server = await startServer();
  try {
    const throughput = await throughputRows(server);
    const memory = [];
    for (const concurrency of MEMORY_CONCURRENCIES) {
      const small = await exportOnce(server.url(SMALL), SMALL, "listAll", concurrency, GC_EVERY);
      const large = await exportOnce(server.url(LARGE), LARGE, "listAll", concurrency, GC_EVERY);
      memory.push({ concurrency, small, large, ratio: large.peakLiveHeapBytes / small.peakLiveHeapBytes });
    }
    const memoryTable = table(
      [
        "listAll",
        "heap at start (MiB)",
        `peak live heap, ${integer(SMALL)} (MiB)`,
        `… ${integer(LARGE)} (MiB)`,
        "ratio",
      ],
      memory.map(({ concurrency, small, large, ratio }) => [
        `concurrency ${concurrency}`,
        mib(small.heapAtStartBytes),
        mib(small.peakLiveHeapBytes),
        mib(large.peakLiveHeapBytes),
        times(ratio),
      ]),
    );
    return {
      markdown: `${table(["Export, latency, reader", "contacts/s", "× fetch loop"], throughput)}\n\n${memoryTable}`,
      budgets: memory.map(({ concurrency, ratio }) => ({
        name: `listAll, concurrency ${concurrency}: peak live heap of ${integer(LARGE)} contacts ÷ ${integer(SMALL)}`,
        value: ratio,
        max: 1.2,
      })),
    };
  } finally {
    await server.close();
  }
}
