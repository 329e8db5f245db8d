// The clients compared, each making the same call: GET /api/v2/accounts/contacts?labels=vip,premium&page=2 with
// Basic auth, returning the parsed JSON body.
import { createLiveDeskClient } from "@livedesk/client";
import axios from "axios";
import createClient from "openapi-fetch";
import { Fetcher } from "openapi-typescript-fetch";
import { API_KEY, API_SECRET, AUTHORIZATION, CONTACTS_PATH } from "./pages.mjs";

const QUERY = { labels: ["vip", "premium"], page: 2 };
// Clients without a per-parameter array style get the labels joined by hand, so that every URL means the same.
const JOINED_QUERY = { labels: QUERY.labels.join(","), page: QUERY.page };
const HEADERS = { Authorization: AUTHORIZATION, Accept: "application/json" };
// The spec's `labels` style (form, explode: false), as our client serialises it.
const LABELS_AS_SPEC = { array: { style: "form", explode: false } };
// What our client allows an attempt by default.
const TIMEOUT_MS = 30_000;

export const BASELINE = "openapi-fetch";

/**
 * Contenders against `baseUrl`. With `fetch`, every client is handed that fetch (the stubbed benchmark); without,
 * each uses its default transport. `heyApi` is the generated module, or the Error that kept it from being built.
 */
export function createContenders({ baseUrl, fetch, heyApi }) {
  const withFetch = fetch ? { fetch } : {};
  const sendRaw = fetch ?? globalThis.fetch;
  const rawUrl = `${baseUrl}${CONTACTS_PATH}?labels=vip,premium&page=2`;
  const bare = createClient({ baseUrl, headers: HEADERS, querySerializer: LABELS_AS_SPEC, ...withFetch });
  const ours = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl, ...withFetch });
  const oursUntimed = createLiveDeskClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl,
    timeoutMs: 0,
    ...withFetch,
  });
  // openapi-typescript-fetch always calls the global fetch, which the stubbed benchmark replaces.
  const fetcher = Fetcher.for();
  fetcher.configure({ baseUrl, init: { headers: HEADERS } });
  const listWithFetcher = fetcher.path(CONTACTS_PATH).method("get").create();
  const viaAxios = axios.create({
    baseURL: baseUrl,
    headers: HEADERS,
    adapter: "fetch",
    ...(fetch ? { env: { fetch } } : {}),
  });
  const contenders = [
    { name: "raw fetch + json()", run: async () => (await sendRaw(rawUrl, { headers: HEADERS })).json() },
    {
      name: "raw fetch + AbortSignal.timeout",
      run: async () => (await sendRaw(rawUrl, { headers: HEADERS, signal: AbortSignal.timeout(TIMEOUT_MS) })).json(),
    },
    { name: BASELINE, run: async () => (await bare.GET(CONTACTS_PATH, { params: { query: QUERY } })).data },
    {
      name: "openapi-fetch + AbortSignal.timeout",
      run: async () =>
        (await bare.GET(CONTACTS_PATH, { params: { query: QUERY }, signal: AbortSignal.timeout(TIMEOUT_MS) })).data,
    },
    {
      name: "@livedesk/client GET",
      run: async () => (await ours.GET(CONTACTS_PATH, { params: { query: QUERY } })).data,
    },
    { name: "@livedesk/client contacts.list", run: () => ours.contacts.list(QUERY) },
    {
      name: "@livedesk/client GET, timeoutMs: 0",
      run: async () => (await oursUntimed.GET(CONTACTS_PATH, { params: { query: QUERY } })).data,
    },
    { name: "openapi-typescript-fetch", run: async () => (await listWithFetcher(JOINED_QUERY)).data },
    {
      name: "axios (fetch adapter)",
      run: async () => (await viaAxios.get(CONTACTS_PATH, { params: JOINED_QUERY })).data,
    },
  ];
  if (!fetch) {
    // What axios uses in Node unless told otherwise; it cannot be handed a stub, so it runs over the socket only.
    const viaHttp = axios.create({ baseURL: baseUrl, headers: HEADERS, adapter: "http" });
    contenders.push({
      name: "axios (http adapter)",
      run: async () => (await viaHttp.get(CONTACTS_PATH, { params: JOINED_QUERY })).data,
    });
  }
  if (heyApi instanceof Error) {
    contenders.push({ name: "hey-api client-fetch", notRun: heyApi.message });
  } else {
    const client = heyApi.createClient(heyApi.createConfig({ baseUrl, headers: HEADERS, ...withFetch }));
    contenders.push({
      name: "hey-api client-fetch",
      run: async () => (await heyApi.listContacts({ client, query: QUERY })).data,
    });
  }
  return contenders;
}
