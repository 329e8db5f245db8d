// Time per request over a loopback socket, the client against raw fetch and its peers, all making the same call.
import { createLiveDeskClient } from "@livedesk/client";
import axios from "axios";
import createClient from "openapi-fetch";
import { Fetcher } from "openapi-typescript-fetch";
import {
  API_KEY,
  API_SECRET,
  AUTHORIZATION,
  CONTACTS_PATH,
  integer,
  median,
  PAGE_SIZE,
  pageBody,
  ratioByRound,
  startServer,
  table,
  timeRounds,
  times,
} from "./lib.mjs";

const BASELINE = "raw fetch + AbortSignal.timeout";
const BARE = "openapi-fetch";
const OURS = "@livedesk/client GET";
// The client's default timeout per attempt, given to the baseline too: like for like, both requests can time out.
const TIMEOUT_MS = 30_000;
const TIMING = { warmup: 200, rounds: 60, perRound: 50 };
const PAGE_KB = (Buffer.byteLength(pageBody(2, 1_000_000)) / 1000).toFixed(1);

export const title = "Time per request over a loopback socket";
export const about = `Every contender sends \`GET ${CONTACTS_PATH}?labels=vip,premium&page=2\` with Basic auth to a \`node:http\` server in its own process and returns the parsed body, a page of ${PAGE_SIZE} contacts (the spec's example contact; ${PAGE_KB} kB). Each is checked once before timing. One request in flight; ${TIMING.warmup} warm-up requests each, then ${TIMING.rounds} rounds in which each contender makes ${TIMING.perRound} requests in turn (the order rotates). Time is the median over rounds of each round's median; ratios are medians of the per-round ratios. The baseline is raw \`fetch\` with \`AbortSignal.timeout(${TIMEOUT_MS})\`, as our client's attempts carry a timeout; \`${BARE}\` is bare \`createClient()\`; \`${OURS}\` is \`createLiveDeskClient()\` with its defaults (timeout, retries); openapi-typescript-fetch and axios (its default \`http\` adapter) get \`labels\` joined by hand.`;

function contenders(baseUrl) {
  const query = { labels: ["vip", "premium"], page: 2 };
  const joined = { labels: "vip,premium", page: 2 };
  const headers = { Authorization: AUTHORIZATION, Accept: "application/json" };
  const url = `${baseUrl}${CONTACTS_PATH}?labels=vip,premium&page=2`;
  // The spec's `labels` style (form, explode: false), as our client serialises it.
  const bare = createClient({ baseUrl, headers, querySerializer: { array: { style: "form", explode: false } } });
  const ours = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl });
  const fetcher = Fetcher.for();
  fetcher.configure({ baseUrl, init: { headers } });
  const listContacts = fetcher.path(CONTACTS_PATH).method("get").create();
  const viaAxios = axios.create({ baseURL: baseUrl, headers });
  return {
    "raw fetch": async () => (await fetch(url, { headers })).json(),
    [BASELINE]: async () => (await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) })).json(),
    [BARE]: async () => (await bare.GET(CONTACTS_PATH, { params: { query } })).data,
    [OURS]: async () => (await ours.GET(CONTACTS_PATH, { params: { query } })).data,
    "@livedesk/client contacts.list": () => ours.contacts.list(query),
    "openapi-typescript-fetch": async () => (await listContacts(joined)).data,
    axios: async () => (await viaAxios.get(CONTACTS_PATH, { params: joined })).data,
  };
}

export async function run() {
  const server = await startServer();
  try {
    const runs = contenders(server.url(1_000_000));
    // No row may measure a failure: each must return the page it asked for.
    for (const [name, run] of Object.entries(runs)) {
      const body = await run();
      if (body?.payload?.length !== PAGE_SIZE || Number(body.meta.current_page) !== 2) {
        throw new Error(`${name} did not return page 2 with ${PAGE_SIZE} contacts`);
      }
    }
    const medians = await timeRounds(runs, TIMING);
    const rows = Object.entries(medians).map(([name, own]) => [
      name,
      integer(median(own) * 1000),
      times(ratioByRound(own, medians[BASELINE])),
    ]);
    return {
      markdown: table(["Contender", "median µs/request", `× ${BASELINE}`], rows),
      budgets: [
        { name: `${OURS}, median time ÷ ${BASELINE}`, value: ratioByRound(medians[OURS], medians[BASELINE]), max: 1.1 },
        { name: `${OURS}, median time ÷ bare ${BARE}`, value: ratioByRound(medians[OURS], medians[BARE]), max: 1.05 },
      ],
    };
  } finally {
    await server.close();
  }
}
