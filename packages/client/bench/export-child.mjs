// One export in a process of its own, so that its peak memory is its own. Started by run.mjs with --expose-gc and
// the arguments <base URL> <total contacts> <concurrency> <mode>; reports over IPC. Modes:
// - `listAll`: the client's export, measured as it runs.
// - `raw-fetch`: the loop a user would write by hand with fetch, one page at a time: the floor that Node's fetch sets
//   for any client.
// - `live-heap`: the client's export, with a forced GC every LIVE_HEAP_EVERY contacts to measure what it holds
//   (its throughput and peak RSS are then not comparable with the other modes).
import { createLiveDeskClient } from "@livedesk/client";
import { API_KEY, API_SECRET, AUTHORIZATION, CONTACTS_PATH, LIVE_HEAP_EVERY, PAGE_SIZE } from "./pages.mjs";

const [baseUrl, totalArg, concurrencyArg, mode] = process.argv.slice(2);
const total = Number(totalArg);
const concurrency = Number(concurrencyArg);
const client = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl });

async function* fetchLoop() {
  for (let page = 1; ; page += 1) {
    const response = await fetch(`${baseUrl}${CONTACTS_PATH}?page=${page}`, {
      headers: { Authorization: AUTHORIZATION },
    });
    const { payload } = await response.json();
    yield* payload;
    if (payload.length < PAGE_SIZE) {
      return;
    }
  }
}

globalThis.gc();
const before = process.memoryUsage();
let peakHeapUsed = before.heapUsed;
// The kernel keeps the peak RSS (getrusage); the heap has no such counter, so it is sampled.
const sampler = setInterval(() => {
  peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
}, 5);

const start = performance.now();
let next = 1;
// The most the heap held right after a full collection: live objects only, whatever the GC's timing.
let peakLiveHeapBytes;
const contacts = mode === "raw-fetch" ? fetchLoop() : client.contacts.listAll({}, { concurrency });
for await (const contact of contacts) {
  // Checks the promise of listAll: every contact once, in order, also when pages arrive out of order.
  if (contact.id !== next) {
    throw new Error(`expected contact ${next}, got ${contact.id}`);
  }
  if (mode === "live-heap" && next % LIVE_HEAP_EVERY === 0) {
    globalThis.gc();
    peakLiveHeapBytes = Math.max(peakLiveHeapBytes ?? 0, process.memoryUsage().heapUsed);
  }
  next += 1;
}
const seconds = (performance.now() - start) / 1000;
clearInterval(sampler);
if (next - 1 !== total) {
  throw new Error(`expected ${total} contacts, got ${next - 1}`);
}
peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
// What the export left behind. undici frees a request's abort bookkeeping from a FinalizationRegistry callback, which
// runs in a later task: collect, let it run, collect again.
globalThis.gc();
await new Promise(setImmediate);
globalThis.gc();
const heapLeftBytes = process.memoryUsage().heapUsed - before.heapUsed;

process.send({
  seconds,
  contactsPerSecond: total / seconds,
  rssBeforeBytes: before.rss,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  heapUsedBeforeBytes: before.heapUsed,
  peakHeapUsedBytes: peakHeapUsed,
  heapLeftBytes,
  peakLiveHeapBytes,
});
process.disconnect();
