// One export in a fresh process, so that its heap is its own. Started by export.mjs with --expose-gc and the arguments
// <listing URL> <total contacts> <reader: listAll | fetch loop> <concurrency> <forced GC every N contacts, 0 for none>.
import { createLiveDeskClient } from "@livedesk/client";
import { API_KEY, API_SECRET, AUTHORIZATION, CONTACTS_PATH, PAGE_SIZE } from "./lib.mjs";

const [baseUrl, total, reader, concurrency, gcEvery] = process.argv
  .slice(2)
  .map((arg) => (/^\d+$/.test(arg) ? Number(arg) : arg));

/** The loop a user would write by hand with fetch, one page at a time. */
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

const contacts =
  reader === "listAll"
    ? createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl }).contacts.listAll({}, { concurrency })
    : fetchLoop();
globalThis.gc();
const heapAtStartBytes = process.memoryUsage().heapUsed;
// The most the heap holds right after a full collection: live objects only, whatever the GC's timing.
let peakLiveHeapBytes = heapAtStartBytes;
let next = 1;
const start = performance.now();
for await (const contact of contacts) {
  // Every contact once and in order, also when pages arrive out of order.
  if (contact.id !== next) {
    throw new Error(`expected contact ${next}, got ${contact.id}`);
  }
  if (gcEvery > 0 && next % gcEvery === 0) {
    globalThis.gc();
    peakLiveHeapBytes = Math.max(peakLiveHeapBytes, process.memoryUsage().heapUsed);
  }
  next += 1;
}
const seconds = (performance.now() - start) / 1000;
if (next - 1 !== total) {
  throw new Error(`expected ${total} contacts, got ${next - 1}`);
}
process.send({ contactsPerSecond: total / seconds, heapAtStartBytes, peakLiveHeapBytes });
process.disconnect();
