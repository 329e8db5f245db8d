import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One way LiveDesk could behave where its pages are silent; each field picks one side of a ledger question. */
export interface Behaviour {
  contacts: number;
  /** `echo`: the raw `page` value, a string, and the integer 1 without `page` (upstream). `integer`: always a number. */
  currentPage: "echo" | "integer";
  /** `meta.count` without `q`: the total, or the number on this page. */
  count: "total" | "page";
  pageSize: number;
  /** Whether `page_size` changes the page size. */
  pageSizeParameter: boolean;
  /** `direction`: the documented parameter works. `prefix`: only `sort=-field` sorts descending (upstream Sift). */
  sort: "direction" | "prefix";
  /** `upstream`: a comma list any-matches, a repeated parameter keeps its last value. `repeated-any`: both any-match. `comma-literal`: no comma splitting. */
  labels: "upstream" | "repeated-any" | "comma-literal";
  includeContactInboxes: "honoured" | "ignored";
  /** The key of every error body: upstream sends either. */
  errorBody: "message" | "error";
  /** An unknown ticket: a 404, or a 200 whose body's `code` says it failed. */
  ticketNotFound: 404 | 200;
  hasMoreWithQ: boolean;
  rateLimitHeaders: boolean;
  /** Fields the spec does not declare, on every contact and in `meta`. */
  extraFields: boolean;
  /** Echo the credentials back (in a header and in error bodies), as a careless server might. */
  echoCredentials: boolean;
  /** Answer the first requests 429, with this Retry-After if given. */
  tooManyRequests: { times: number; retryAfter?: string };
}

export const CREDENTIALS = { apiKey: "ld_key_7f3a9c", apiSecret: 's3cr3t/+=?&"quote' };
export const UPSTREAM_LIKE: Behaviour = {
  contacts: 40,
  currentPage: "echo",
  count: "total",
  pageSize: 15,
  pageSizeParameter: false,
  sort: "direction",
  labels: "upstream",
  includeContactInboxes: "honoured",
  errorBody: "error",
  ticketNotFound: 404,
  hasMoreWithQ: false,
  rateLimitHeaders: false,
  extraFields: false,
  echoCredentials: false,
  tooManyRequests: { times: 0 },
};

export interface FakeLiveDesk {
  url: string;
  /** Every request received: method and URL path with query. */
  requests: { method: string; url: string }[];
  close(): Promise<void>;
}

/** Labels of contact `id`: every 4th carries `vip`, every 5th `premium`, so that the two overlap only partly. */
function labelsOf(id: number): string[] {
  return [...(id % 4 === 0 ? ["vip"] : []), ...(id % 5 === 0 ? ["premium"] : [])];
}

/** A stand-in for LiveDesk's List Contacts and Get Ticket on loopback that behaves as `overrides` say. */
export async function startFakeLiveDesk(overrides: Partial<Behaviour> = {}): Promise<FakeLiveDesk> {
  const behaviour = { ...UPSTREAM_LIKE, ...overrides };
  const authorization = `Basic ${Buffer.from(`${CREDENTIALS.apiKey}:${CREDENTIALS.apiSecret}`).toString("base64")}`;
  const requests: FakeLiveDesk["requests"] = [];
  let throttled = 0;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://fake");
    requests.push({ method: request.method ?? "", url: `${url.pathname}${url.search}` });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    const error = (status: number, text: string) => send(status, { [behaviour.errorBody]: text });
    if (throttled < behaviour.tooManyRequests.times) {
      throttled += 1;
      const { retryAfter } = behaviour.tooManyRequests;
      return send(429, { [behaviour.errorBody]: "Too many requests" }, retryAfter ? { "retry-after": retryAfter } : {});
    }
    if (request.method !== "GET") {
      return error(405, "Only GET here");
    }
    if (request.headers.authorization !== authorization) {
      return error(401, "Invalid Access Token");
    }
    const echo: Record<string, string> = behaviour.echoCredentials
      ? { "x-ratelimit-echo": `${CREDENTIALS.apiKey} ${authorization}` }
      : {};
    const headers = behaviour.rateLimitHeaders
      ? { ...echo, "x-ratelimit-limit": "60", "x-ratelimit-remaining": String(60 - requests.length) }
      : echo;
    if (url.pathname.startsWith("/api/v2/accounts/tickets/")) {
      const text = behaviour.echoCredentials
        ? `No such ticket for ${CREDENTIALS.apiKey}:${CREDENTIALS.apiSecret} (${encodeURIComponent(CREDENTIALS.apiSecret)})`
        : "Ticket not found";
      return behaviour.ticketNotFound === 404
        ? send(404, { [behaviour.errorBody]: text }, headers)
        : send(200, { code: 40004, message: text, data: null }, headers);
    }
    if (url.pathname !== "/api/v2/accounts/contacts") {
      return error(404, "Not found");
    }
    send(200, listContacts(behaviour, url.searchParams), headers);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

function listContacts(behaviour: Behaviour, query: URLSearchParams) {
  const split = (value: string) => (behaviour.labels === "comma-literal" ? [value] : value.split(","));
  const given = query.getAll("labels");
  const wanted = (behaviour.labels === "upstream" ? given.slice(-1) : given).flatMap(split);
  const search = query.get("q")?.toLowerCase();
  let contacts = Array.from({ length: behaviour.contacts }, (_, index) => contact(behaviour, index + 1)).filter(
    (each) =>
      (wanted.length === 0 || labelsOf(each.id).some((label) => wanted.includes(label))) &&
      (search === undefined || `${each.name} ${each.email}`.toLowerCase().includes(search)),
  );
  const sort = query.get("sort") ?? "";
  const descending = behaviour.sort === "prefix" ? sort.startsWith("-") : query.get("direction") === "desc";
  const field = sort.replace(/^-/, "") as keyof ReturnType<typeof contact>;
  if (field === "created_at") {
    contacts = contacts.sort((left, right) => (left.created_at - right.created_at) * (descending ? -1 : 1));
  }
  const size =
    behaviour.pageSizeParameter && query.has("page_size") ? Number(query.get("page_size")) : behaviour.pageSize;
  const page = Math.max(1, Number(query.get("page") ?? 1));
  const payload = contacts.slice((page - 1) * size, page * size).map((each) => {
    const withInboxes =
      behaviour.includeContactInboxes === "ignored" ||
      query.get("include_contact_inboxes") === null ||
      query.get("include_contact_inboxes") === "true";
    const { contact_inboxes, ...rest } = each;
    return withInboxes ? each : rest;
  });
  const hasMore = search !== undefined && behaviour.hasMoreWithQ;
  return {
    meta: {
      count: behaviour.count === "total" && !hasMore ? contacts.length : payload.length,
      current_page: behaviour.currentPage === "echo" && query.has("page") ? query.get("page") : page,
      ...(hasMore ? { has_more: page * size < contacts.length } : {}),
      ...(behaviour.extraFields ? { total_pages: Math.ceil(contacts.length / size) } : {}),
    },
    payload,
  };
}

function contact(behaviour: Behaviour, id: number) {
  return {
    id,
    name: `Contact ${id}`,
    email: `contact${id}@example.com`,
    phone_number: null,
    identifier: null,
    thumbnail: "",
    availability_status: "offline",
    blocked: false,
    additional_attributes: {},
    custom_attributes: {},
    created_at: 1_700_000_000 + id * 3_600,
    ...(behaviour.extraFields ? { phone_verified: false } : {}),
    contact_inboxes: [{ source_id: `source-${id}`, inbox: { id: 10, name: "API", channel_type: "Channel::Api" } }],
  };
}
