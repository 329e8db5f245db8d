import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createLiveDeskClient,
  type LiveDeskClientOptions,
  LiveDeskConnectionError,
  LiveDeskError,
  LiveDeskHttpError,
  LiveDeskInvalidResponseError,
  LiveDeskRateLimitError,
  LiveDeskServerError,
  LiveDeskTimeoutError,
  type Logger,
  type RetryEvent,
} from "../src/index.js";
import { parseRetryAfter, retryDelay } from "../src/retry-policy.js";
import { type FaultPlan, type FaultServer, respond, startFaultServer } from "./fault-server.js";
import {
  API_KEY,
  API_SECRET,
  collect,
  contactPage,
  failureOf,
  json,
  makeContacts,
  pageOf,
  type Respond,
  range,
  stubbedClient,
} from "./helpers.js";

const CONTACTS = "/api/v2/accounts/contacts";
const ONE_PAGE = contactPage(makeContacts(3), 1);

let server: FaultServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** A client against a fault server, with 0 ms waits between attempts. */
async function faultyClient(plan: FaultPlan, options: Partial<LiveDeskClientOptions> = {}) {
  server = await startFaultServer(plan);
  const retries: RetryEvent[] = [];
  const client = createLiveDeskClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: server.url,
    maxRetryDelayMs: 0,
    onRetry: (event) => retries.push(event),
    ...options,
  });
  return { client, retries, requests: server.requests, server };
}

/** A stubbed client that records its retries. */
function retryingClient(answer: Respond, options: Partial<LiveDeskClientOptions> = {}) {
  const retries: RetryEvent[] = [];
  return { retries, ...stubbedClient(answer, { onRetry: (event) => retries.push(event), ...options }) };
}

/** A fetch answer that never comes: it rejects only when the attempt's signal aborts. */
function never(request: Request): Promise<Response> {
  return new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
}

describe("what is retried (the README's retry table)", () => {
  it.each([
    [408, LiveDeskHttpError],
    [409, LiveDeskHttpError],
    [429, LiveDeskRateLimitError],
    [500, LiveDeskServerError],
    [502, LiveDeskServerError],
    [503, LiveDeskServerError],
    [504, LiveDeskServerError],
  ])("HTTP %i: retried twice by default, then a typed error", async (status, type) => {
    const { client, requests, retries } = retryingClient(() => json({ error: "unavailable" }, { status }));
    const error = await failureOf(client.contacts.list());
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status });
    expect(requests).toHaveLength(3);
    expect(retries.map((retry) => [retry.retry, retry.status])).toEqual([
      [1, status],
      [2, status],
    ]);
  });

  it.each([400, 401, 403, 404, 422])("HTTP %i: not retried", async (status) => {
    const { client, requests } = stubbedClient(() => json({}, { status }));
    await failureOf(client.contacts.list());
    expect(requests).toHaveLength(1);
  });

  it("succeeds when a retry does", async () => {
    const { client, requests } = stubbedClient((_, index) => (index < 2 ? json({}, { status: 500 }) : json(ONE_PAGE)));
    await expect(client.contacts.list()).resolves.toMatchObject({ payload: makeContacts(3) });
    expect(requests).toHaveLength(3);
  });

  it("maxRetries: 0 disables retrying; a call can raise it", async () => {
    const { client, requests } = stubbedClient(() => json({}, { status: 503 }), { maxRetries: 0 });
    await failureOf(client.contacts.list());
    expect(requests).toHaveLength(1);
    await failureOf(client.contacts.list({}, { maxRetries: 4 }));
    expect(requests).toHaveLength(6);
  });

  it("retries the raw openapi-fetch style too, and returns { error, response } at the end", async () => {
    const { client, requests } = stubbedClient(() => json({ error: "down" }, { status: 503 }));
    const { data, error, response } = await client.GET(CONTACTS);
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: "down" });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(3);
  });

  it.each([
    ["post", 1],
    ["patch", 1],
    ["put", 3],
    ["delete", 3],
  ])("%s after a 503: sent %i time(s), the body re-sent intact", async (method, times) => {
    const { client, requests } = stubbedClient(() => json({}, { status: 503 }));
    const body = { name: "Zhang San", custom_attributes: { vip_level: "platinum" } };
    await client.request(method as "put", `${CONTACTS}/{id}` as never, { params: { path: { id: 1 } }, body } as never);
    expect(requests).toHaveLength(times);
    for (const request of requests) {
      expect(await request.json()).toEqual(body);
    }
  });

  it("gives up waiting when the caller aborts during a backoff", async () => {
    const controller = new AbortController();
    const { client, requests } = retryingClient(() => json({}, { status: 503 }), {
      maxRetryDelayMs: 60_000,
      onRetry: () => controller.abort(),
    });
    expect(await failureOf(client.contacts.list({}, { signal: controller.signal }))).toMatchObject({
      name: "AbortError",
    });
    expect(requests).toHaveLength(1);
  });
});

describe("timeouts", () => {
  it("abort an attempt that gets no answer; a GET is retried, then LiveDeskTimeoutError with the URL", async () => {
    vi.useFakeTimers();
    const { client, requests, retries } = retryingClient(never, { timeoutMs: 1_000 });
    const failure = failureOf(client.contacts.list({ page: 2 }));
    await vi.runAllTimersAsync();
    const error = await failure;
    expect(error).toBeInstanceOf(LiveDeskTimeoutError);
    expect(error).toMatchObject({
      code: "timeout",
      timeoutMs: 1_000,
      method: "GET",
      url: "https://livedesk-api.engagelab.com/api/v2/accounts/contacts?page=2",
    });
    expect((error as Error).message).toMatch(/within 1000 ms .* after 3 attempts; the request was aborted/);
    expect(requests).toHaveLength(3);
    expect(requests.map((request) => request.signal.aborted)).toEqual([true, true, true]);
    expect(retries.map((retry) => retry.status)).toEqual([undefined, undefined]);
  });

  it("do not fire before their time", async () => {
    vi.useFakeTimers();
    const { client, requests } = stubbedClient((request, index) => (index === 0 ? never(request) : json(ONE_PAGE)), {
      timeoutMs: 1_000,
    });
    const listing = client.contacts.list();
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(1);
    await vi.runAllTimersAsync();
    await expect(listing).resolves.toMatchObject({ payload: makeContacts(3) });
    expect(requests).toHaveLength(2);
  });

  it("cover the body: a body that stops arriving times out, one that arrives in time does not", async () => {
    vi.useFakeTimers();
    const text = JSON.stringify(ONE_PAGE);
    // The first answer sends part of its body and stalls; the second sends the rest 900 ms later. (Each retry
    // waits 0 ms, which timers round up to 1 ms.)
    const { client, requests } = stubbedClient(
      (_, index) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode(text.slice(0, 20)));
              if (index === 1) {
                setTimeout(() => {
                  controller.enqueue(new TextEncoder().encode(text.slice(20)));
                  controller.close();
                }, 900);
              }
            },
          }),
        ),
      { timeoutMs: 1_000 },
    );
    const listing = client.contacts.list();
    await vi.advanceTimersByTimeAsync(1_001);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(900);
    await expect(listing).resolves.toMatchObject({ payload: makeContacts(3) });
  });

  it("are not retried for a POST, which may have arrived", async () => {
    vi.useFakeTimers();
    const { client, requests } = stubbedClient(never, { timeoutMs: 1_000 });
    const failure = failureOf(client.contacts.create({ inbox_id: 407 }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await failure).toBeInstanceOf(LiveDeskTimeoutError);
    expect(requests).toHaveLength(1);
  });

  it("take a per-call timeout over the client's", async () => {
    vi.useFakeTimers();
    const { client } = stubbedClient(never, { timeoutMs: 60_000, maxRetries: 0 });
    const failure = failureOf(client.contacts.list({}, { timeoutMs: 50 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(await failure).toMatchObject({ timeoutMs: 50 });
  });

  it("settle the call even when a custom fetch ignores the signal", async () => {
    vi.useFakeTimers();
    const { client } = stubbedClient(() => new Promise<Response>(() => {}), { timeoutMs: 100, maxRetries: 0 });
    const failure = failureOf(client.contacts.list());
    await vi.advanceTimersByTimeAsync(100);
    expect(await failure).toBeInstanceOf(LiveDeskTimeoutError);
  });

  it("close the connection of a server that never finishes its body", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { client, requests, server } = await faultyClient(() => ({ kind: "endless-body" }), {
      timeoutMs: 1_000,
      maxRetries: 0,
    });
    const failure = failureOf(client.contacts.list());
    await server.received(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await failure).toMatchObject({ code: "timeout", url: `${server.url}${CONTACTS}` });
    await requests[0]?.closed;
    expect(requests[0]?.abandoned).toBe(true);
  });

  it("leave no timer and no listener behind once a call is done", async () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    const signals: AbortSignal[] = [];
    const { client } = stubbedClient((request, index) => {
      signals.push(request.signal);
      return index === 1 ? json({}, { status: 503 }) : json(ONE_PAGE);
    });
    await client.contacts.list();
    expect(vi.getTimerCount()).toBe(0);
    const retried = client.contacts.list({}, { signal: caller.signal });
    await vi.runAllTimersAsync();
    await retried;
    await failureOf(client.contacts.list({ page: 0 }));
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(caller.signal, "abort")).toEqual([]);
  });
});

describe("connection failures over a real socket", () => {
  it("retries a connection reset, and a reset in the middle of the body", async () => {
    const body = JSON.stringify(ONE_PAGE);
    const { client, requests } = await faultyClient((_, index) =>
      index === 0 ? { kind: "reset" } : index === 1 ? { kind: "reset-mid-body", body } : respond(200, ONE_PAGE),
    );
    await expect(client.contacts.list()).resolves.toMatchObject({ payload: makeContacts(3) });
    expect(requests).toHaveLength(3);
  });

  it("throws LiveDeskConnectionError with the URL when the server cannot be reached", async () => {
    const { client, retries, server: closed } = await faultyClient(() => respond(200));
    await closed.close();
    server = undefined;
    const error = await failureOf(client.contacts.list());
    expect(error).toBeInstanceOf(LiveDeskConnectionError);
    expect(error).toMatchObject({
      code: "connection",
      method: "GET",
      url: `${closed.url}${CONTACTS}`,
      cause: { code: "ECONNREFUSED" },
    });
    expect((error as Error).message).toMatch(/after 3 attempts: .*ECONNREFUSED/);
    expect(retries).toHaveLength(2);
  });

  it("a 502 HTML page from a proxy: retried, then a server error that shows the page", async () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const { client, requests } = await faultyClient(() => respond(502, html, { "content-type": "text/html" }));
    const error = await failureOf(client.contacts.list());
    expect(error).toMatchObject({ code: "server", status: 502, contentType: "text/html", body: html });
    expect(requests).toHaveLength(3);
  });

  it("the raw client: a 2xx body that is not JSON is an invalid response, not retried", async () => {
    const { client, requests } = await faultyClient(() => respond(200, "{", { "content-length": "1" }));
    const error = await failureOf(client.GET(CONTACTS));
    expect(error).toBeInstanceOf(LiveDeskInvalidResponseError);
    expect(error).toMatchObject({ status: 200, url: `${server?.url}${CONTACTS}` });
    expect((error as Error).message).toMatch(/but the body could not be read: .*JSON/);
    expect(requests).toHaveLength(1);
  });

  it("truncated JSON in a complete response: invalid, not retried", async () => {
    const { client, requests } = await faultyClient(() => respond(200, JSON.stringify(ONE_PAGE).slice(0, 40)));
    expect(await failureOf(client.contacts.list())).toBeInstanceOf(LiveDeskInvalidResponseError);
    expect(requests).toHaveLength(1);
  });
});

describe("listAll under faults", () => {
  const contacts = makeContacts(300);
  const faults: ((request: Request) => Response | Promise<Response>)[] = [
    () => json({}, { status: 503 }),
    () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } })),
    () => json({}, { status: 429, headers: { "retry-after": "0" } }),
    () => json({}, { status: 500 }),
    // A body that breaks off: the connection reset in the middle of the answer.
    () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"meta":'));
            controller.error(new TypeError("terminated"));
          },
        }),
      ),
  ];

  it("yields every contact exactly once, in order, while a fifth of the pages fail transiently", async () => {
    // Every fifth page fails once, every tenth twice, each time in another way.
    const attempts = new Map<number, number>();
    const { client, requests } = stubbedClient((request) => {
      const page = pageOf(request);
      const attempt = (attempts.get(page) ?? 0) + 1;
      attempts.set(page, attempt);
      const failures = page % 10 === 0 ? 2 : page % 5 === 0 ? 1 : 0;
      const fault = faults[(page + attempt) % faults.length];
      return attempt <= failures && fault ? fault(request) : json(contactPage(contacts, page));
    });
    expect(await collect(client.contacts.listAll())).toEqual(range(1, 300));
    expect(requests).toHaveLength(20 + 4 + 2);
  });

  it("throws a typed error, never a short export, when a page keeps failing, saying where to resume", async () => {
    const { client, pages } = stubbedClient((request) =>
      pageOf(request) === 7 ? json({}, { status: 503 }) : json(contactPage(contacts, pageOf(request))),
    );
    const delivered: number[] = [];
    const error = await failureOf(client.contacts.listAll(), { delivered });
    expect(error).toBeInstanceOf(LiveDeskServerError);
    expect(error).toMatchObject({ page: 7, delivered: 90 });
    expect((error as Error).message).toMatch(/page 7, 90 contacts delivered; .*startPage: 7/);
    expect(delivered).toEqual(range(1, 90));
    expect(pages().filter((page) => page === "7")).toHaveLength(3);
  });
});

describe("the wait between attempts", () => {
  it("is exponential backoff with full jitter", () => {
    const highest = () => 0.999_999;
    expect([0, 1, 2, 3].map((retry) => retryDelay(retry, null, { maxDelayMs: 30_000, random: highest }))).toEqual([
      499, 999, 1_999, 3_999,
    ]);
    expect(retryDelay(3, null, { maxDelayMs: 30_000, random: () => 0 })).toBe(0);
    expect(retryDelay(10, null, { maxDelayMs: 8_000, random: highest })).toBe(7_999);
  });

  it("follows Retry-After, capped by maxRetryDelayMs", () => {
    const now = Date.parse("2026-11-24T10:00:00Z");
    expect(retryDelay(0, "3", { maxDelayMs: 30_000, now })).toBe(3_000);
    expect(retryDelay(0, "120", { maxDelayMs: 30_000, now })).toBe(30_000);
    expect(retryDelay(1, "soon", { maxDelayMs: 30_000, now, random: () => 0.5 })).toBe(500);
  });

  const NOW = Date.parse("2026-11-24T10:00:00Z");
  it.each([
    ["0", 0],
    ["3", 3_000],
    [" 007 ", 7_000],
    ["Tue, 24 Nov 2026 10:00:12 GMT", 12_000],
    ["Tue, 24 Nov 2026 09:59:00 GMT", 0],
    ["Tuesday, 24-Nov-26 10:00:12 GMT", 12_000],
    ["Tue Nov 24 10:00:12 2026", 12_000],
    ["Sun Nov  6 08:49:37 1994", 0],
  ])("reads Retry-After %j as RFC 9110 allows: %i ms", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([
    "1.5",
    "-5",
    "+5",
    "5s",
    "soon",
    "",
    "2026-11-24T10:00:12Z",
    "Tue, 30 Feb 2026 10:00:12 GMT",
    "Mon, 24 Nov 2026 10:00:12 GMT",
    "Tue, 24 Nov 2026 10:00:12 CET",
  ])("ignores Retry-After %j, which RFC 9110 does not allow, so backoff applies", (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it("is really waited, as timed by fake timers, and Retry-After wins over backoff", async () => {
    vi.useFakeTimers();
    const { client, requests, retries } = retryingClient(
      (_, index) => (index === 0 ? json({}, { status: 429, headers: { "retry-after": "10" } }) : json(ONE_PAGE)),
      { maxRetryDelayMs: 30_000 },
    );
    const listing = client.contacts.list();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(listing).resolves.toMatchObject({ payload: makeContacts(3) });
    expect(requests).toHaveLength(2);
    expect(retries[0]?.delayMs).toBe(10_000);
  });

  it("never waits longer than maxRetryDelayMs", async () => {
    vi.useFakeTimers();
    const { client, retries } = retryingClient(
      (_, index) => (index === 0 ? json({}, { status: 503, headers: { "retry-after": "3600" } }) : json(ONE_PAGE)),
      { maxRetryDelayMs: 25 },
    );
    const listing = client.contacts.list();
    await vi.advanceTimersByTimeAsync(25);
    await expect(listing).resolves.toBeDefined();
    expect(retries.map((retry) => retry.delayMs)).toEqual([25]);
  });

  it("a failure after the retries is a LiveDeskError, not what fetch threw", async () => {
    const { client } = stubbedClient(() => Promise.reject(new Error("proxy said no")), { maxRetries: 1 });
    const error = await failureOf(client.contacts.list());
    expect(error).toBeInstanceOf(LiveDeskError);
    expect((error as Error).message).toMatch(/after 2 attempts: proxy said no/);
  });
});

describe("the debug log", () => {
  const collecting = () => {
    const lines: [string, string][] = [];
    const logger = Object.fromEntries(
      ["error", "warn", "info", "debug"].map((level) => [level, (line: string) => lines.push([level, line])]),
    ) as unknown as Logger;
    return { lines, logger };
  };
  const flaky: Respond = (_, index) => (index === 0 ? json({}, { status: 503 }) : json(ONE_PAGE));

  it("is off unless asked for", async () => {
    const spies = (["error", "warn", "info", "debug", "log"] as const).map((level) => vi.spyOn(console, level));
    const { client } = stubbedClient(flaky);
    await client.contacts.list();
    await failureOf(client.tickets.get("tk_1"));
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
    }
  });

  it("reports each attempt at debug, each retry at info, and a call that fails at warn", async () => {
    const { lines, logger } = collecting();
    const { client } = stubbedClient(flaky, { logger, logLevel: "debug" });
    await client.contacts.list({ page: 2 });
    const url = "https://livedesk-api.engagelab.com/api/v2/accounts/contacts?page=2";
    expect(lines).toEqual([
      ["debug", `[livedesk] GET ${url}: HTTP 503 (attempt 1)`],
      ["info", `[livedesk] GET ${url}: HTTP 503; retry 1 of 2 in 0 ms`],
      ["debug", `[livedesk] GET ${url}: HTTP 200 (attempt 2)`],
    ]);
    lines.length = 0;
    const { client: failing } = stubbedClient(() => json({}, { status: 404 }), { logger, logLevel: "debug" });
    await failureOf(failing.contacts.list());
    expect(lines.map(([level]) => level)).toEqual(["warn"]);
  });

  it("a logger alone logs at warn; logLevel picks another level", async () => {
    const { lines, logger } = collecting();
    await stubbedClient(flaky, { logger }).client.contacts.list();
    expect(lines).toEqual([]);
    await stubbedClient(flaky, { logger, logLevel: "info" }).client.contacts.list();
    expect(lines.map(([level]) => level)).toEqual(["info"]);
  });
});
