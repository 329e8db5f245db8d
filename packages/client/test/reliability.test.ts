import { execFileSync } from "node:child_process";
import { getEventListeners } from "node:events";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type Contact,
  createLiveDeskClient,
  type LiveDeskClientOptions,
  LiveDeskConnectionError,
  LiveDeskInvalidResponseError,
  LiveDeskRateLimitError,
  LiveDeskServerError,
  LiveDeskTimeoutError,
  type RetryEvent,
} from "../src/index.js";
import { retryDelay, withReliability } from "../src/reliability.js";
import { type FaultPlan, type FaultServer, respond, startFaultServer } from "./fault-server.js";
import { API_KEY, API_SECRET, json, makeContacts, renderings, stubFetch } from "./helpers.js";

const CONTACTS = "/api/v2/accounts/contacts";
const page = (contacts: Contact[], current: number, count = contacts.length) => ({
  meta: { count, current_page: String(current) },
  payload: contacts,
});
const ONE_PAGE = page(makeContacts(3), 1);

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client against a fault server. Waits are capped at 5 ms so the suite never sleeps for real. */
async function faultyClient(plan: FaultPlan, options: Partial<LiveDeskClientOptions> = {}) {
  server = await startFaultServer(plan);
  const retries: RetryEvent[] = [];
  const client = createLiveDeskClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: server.url,
    maxRetryDelayMs: 5,
    onRetry: (event) => retries.push(event),
    ...options,
  });
  return { client, retries, requests: server.requests };
}

const failing = (error: unknown) => error;

describe("retries", () => {
  it.each([502, 503, 504])("retries %i twice by default, then throws LiveDeskServerError", async (status) => {
    const { client, requests, retries } = await faultyClient(() => respond(status, { error: "unavailable" }));
    const error = await client.contacts.list().catch(failing);
    expect(error).toBeInstanceOf(LiveDeskServerError);
    expect(error).toMatchObject({ status, code: "server" });
    expect(requests).toHaveLength(3);
    expect(retries.map((retry) => [retry.retry, retry.status])).toEqual([
      [1, status],
      [2, status],
    ]);
  });

  it("succeeds when a retry does", async () => {
    const { client, requests } = await faultyClient((_, index) => (index < 2 ? respond(503) : respond(200, ONE_PAGE)));
    await expect(client.contacts.list()).resolves.toMatchObject({ payload: makeContacts(3) });
    expect(requests).toHaveLength(3);
  });

  it("does not retry 500, which is not a transient status", async () => {
    const { client, requests } = await faultyClient(() => respond(500));
    await expect(client.contacts.list()).rejects.toBeInstanceOf(LiveDeskServerError);
    expect(requests).toHaveLength(1);
  });

  it("honours Retry-After on 429, capped by maxRetryDelayMs", async () => {
    const { client, retries } = await faultyClient(
      (_, index) =>
        index < 2 ? respond(429, {}, { "retry-after": index === 0 ? "0" : "3600" }) : respond(200, ONE_PAGE),
      { maxRetryDelayMs: 25 },
    );
    await client.contacts.list();
    expect(retries.map((retry) => retry.delayMs)).toEqual([0, 25]);
  });

  it("throws LiveDeskRateLimitError with the server's Retry-After once retries are used up", async () => {
    const { client, requests } = await faultyClient(() => respond(429, {}, { "retry-after": "7" }));
    const error = await client.contacts.list().catch(failing);
    expect(error).toBeInstanceOf(LiveDeskRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 7_000 });
    expect(requests).toHaveLength(3);
  });

  it("maxRetries: 0 disables retrying; a call can raise it", async () => {
    const { client, requests } = await faultyClient(() => respond(503), { maxRetries: 0 });
    await expect(client.contacts.list()).rejects.toBeInstanceOf(LiveDeskServerError);
    expect(requests).toHaveLength(1);
    await expect(client.contacts.list({}, { maxRetries: 4 })).rejects.toBeInstanceOf(LiveDeskServerError);
    expect(requests).toHaveLength(6);
  });

  it("retries the raw openapi-fetch style too, and returns { error, response } at the end", async () => {
    const { client, requests } = await faultyClient(() => respond(503, { error: "down" }));
    const { data, error, response } = await client.GET(CONTACTS);
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: "down" });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(3);
  });

  it("retries a connection reset, and a reset in the middle of the body", async () => {
    const body = JSON.stringify(ONE_PAGE);
    const { client, requests } = await faultyClient((_, index) =>
      index === 0 ? { kind: "reset" } : index === 1 ? { kind: "reset-mid-body", body } : respond(200, ONE_PAGE),
    );
    await expect(client.contacts.list()).resolves.toMatchObject({ payload: makeContacts(3) });
    expect(requests).toHaveLength(3);
  });

  it("throws LiveDeskConnectionError when the server cannot be reached", async () => {
    const { client, retries } = await faultyClient(() => respond(200));
    await server?.close();
    server = undefined;
    const error = await client.contacts.list().catch(failing);
    expect(error).toBeInstanceOf(LiveDeskConnectionError);
    expect(error).toMatchObject({ code: "connection", method: "GET", cause: { code: "ECONNREFUSED" } });
    expect((error as Error).message).toMatch(/after 3 attempts: .*ECONNREFUSED/);
    expect(retries).toHaveLength(2);
  });

  it("gives up waiting when the caller aborts during a backoff", async () => {
    const controller = new AbortController();
    const { client, requests } = await faultyClient(() => respond(503), {
      maxRetryDelayMs: 60_000,
      onRetry: () => controller.abort(),
    });
    await expect(client.contacts.list({}, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(1);
  });
});

describe("which requests are retried", () => {
  // withReliability itself, over a plain openapi-fetch client and a real socket, so that every method sends the same
  // body; the helpers' retry defaults are tested in resources.test.ts.
  async function send(method: "POST" | "PATCH" | "PUT", idempotent: boolean) {
    server = await startFaultServer((_, index) => (index < 2 ? respond(503) : respond(200, { ok: true })));
    const client = withReliability(createClient<Record<string, Record<string, unknown>>>({ baseUrl: server.url }), {
      policy: { maxRetries: 2, timeoutMs: 5_000, maxRetryDelayMs: 5, idempotent },
      fetch: (request, init) => fetch(request, init),
      redact: (text) => text,
    });
    const body = { name: "Zhang San", custom_attributes: { vip_level: "platinum" } };
    const { response } = await (client[method] as (path: string, init: object) => Promise<{ response: Response }>)(
      "/api/v2/accounts/contacts",
      { body },
    );
    return { response, requests: server.requests, body: JSON.stringify(body) };
  }

  it.each(["POST", "PATCH"] as const)("does not retry %s by default", async (method) => {
    const { response, requests } = await send(method, false);
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
  });

  it.each(["POST", "PATCH"] as const)(
    "retries %s when the caller says it is idempotent, re-sending the body intact",
    async (method) => {
      const { response, requests, body } = await send(method, true);
      expect(response.status).toBe(200);
      expect(requests.map((request) => request.body)).toEqual([body, body, body]);
    },
  );

  it("retries PUT, re-sending the body intact", async () => {
    const { response, requests, body } = await send("PUT", false);
    expect(response.status).toBe(200);
    expect(requests.map((request) => [request.method, request.body])).toEqual([
      ["PUT", body],
      ["PUT", body],
      ["PUT", body],
    ]);
  });
});

describe("timeouts", () => {
  it("leave no listener on an attempt's signal once the call is done", async () => {
    // fetch implementations keep the signal they were given alive for a while; a listener on it would keep the
    // attempt's response reachable too.
    const signals: AbortSignal[] = [];
    const caller = new AbortController();
    const client = createLiveDeskClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      fetch: async (_, init) => {
        if (init?.signal) {
          signals.push(init.signal);
        }
        return json(ONE_PAGE);
      },
    });
    await client.contacts.list();
    await client.contacts.list({}, { signal: caller.signal });
    expect(signals).toHaveLength(2);
    for (const signal of [...signals, caller.signal]) {
      expect(getEventListeners(signal, "abort")).toEqual([]);
    }
  });

  it("aborts a response that never ends, and does not retry it", async () => {
    const { client, requests } = await faultyClient(() => ({ kind: "endless-body" }), { timeoutMs: 100 });
    const error = await client.contacts.list().catch(failing);
    expect(error).toBeInstanceOf(LiveDeskTimeoutError);
    expect(error).toMatchObject({ code: "timeout", timeoutMs: 100 });
    expect((error as Error).message).toMatch(/within 100 ms .*aborted/);
    expect(requests).toHaveLength(1);
    await vi.waitFor(() => expect(requests[0]?.abandoned).toBe(true));
  });

  it("times out a server that never answers", async () => {
    const { client } = await faultyClient(() => ({ kind: "hang" }), { timeoutMs: 100 });
    await expect(client.contacts.list()).rejects.toBeInstanceOf(LiveDeskTimeoutError);
  });

  it("times out a trickle that outlasts the timeout, and accepts one that does not", async () => {
    const body = JSON.stringify(ONE_PAGE);
    const slow = await faultyClient(() => ({ kind: "trickle", body, chunkSize: 8, intervalMs: 20 }), {
      timeoutMs: 150,
    });
    await expect(slow.client.contacts.list()).rejects.toBeInstanceOf(LiveDeskTimeoutError);
    await server?.close();
    const quick = await faultyClient(() => ({ kind: "trickle", body, chunkSize: 64, intervalMs: 5 }), {
      timeoutMs: 2_000,
    });
    await expect(quick.client.contacts.list()).resolves.toMatchObject({ payload: makeContacts(3) });
  });

  it("takes a per-call timeout over the client's", async () => {
    const { client } = await faultyClient(() => ({ kind: "hang" }), { timeoutMs: 60_000 });
    await expect(client.contacts.list({}, { timeoutMs: 50 })).rejects.toMatchObject({ timeoutMs: 50 });
  });

  it("leaves no timer behind: a script that made a request exits at once, not when its timeout would pass", () => {
    const script = `
      const { createLiveDeskClient } = await import(${JSON.stringify(new URL("../dist/index.mjs", import.meta.url).href)});
      const body = { meta: { count: 1, current_page: "1" }, payload: [{ id: 1 }] };
      const client = createLiveDeskClient({ apiKey: "key", apiSecret: "secret", fetch: async () => Response.json(body) });
      await client.contacts.list();
      console.log("listed");
    `;
    // The default timeout is 30 s; a timer left running would hold the process until this kills it.
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 15_000,
    });
    expect(output.trim()).toBe("listed");
  });
});

describe("bodies that are not the promised JSON", () => {
  it("a 200 HTML page: keeps status, content type and the first bytes", async () => {
    const html = "<!doctype html><title>Maintenance</title><p>Back soon</p>";
    const { client, requests } = await faultyClient(() => respond(200, html, { "content-type": "text/html" }));
    const error = await client.contacts.list().catch(failing);
    expect(error).toBeInstanceOf(LiveDeskInvalidResponseError);
    expect(error).toMatchObject({ status: 200, contentType: "text/html", body: html });
    expect((error as Error).message).toMatch(/<!doctype html><title>Maintenance/);
    expect(requests).toHaveLength(1);
  });

  it("a 502 HTML page from a proxy: retried, then a server error that shows the page", async () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const { client, requests } = await faultyClient(() => respond(502, html, { "content-type": "text/html" }));
    const error = await client.contacts.list().catch(failing);
    expect(error).toMatchObject({ code: "server", status: 502, contentType: "text/html", body: html });
    expect(requests).toHaveLength(3);
  });

  it("truncated JSON in a complete response: invalid, not retried", async () => {
    const { client, requests } = await faultyClient(() => respond(200, JSON.stringify(ONE_PAGE).slice(0, 40)));
    await expect(client.contacts.list()).rejects.toBeInstanceOf(LiveDeskInvalidResponseError);
    expect(requests).toHaveLength(1);
  });
});

describe("listAll under faults", () => {
  const TOTAL = 3_000;
  const PAGE_SIZE = 15;
  const contacts = makeContacts(TOTAL);
  const pageOf = (url: string) => Number(new URL(url, "http://localhost").searchParams.get("page"));
  const contactsPage = (number: number) =>
    respond(200, page(contacts.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE), number, TOTAL));

  it("yields every contact exactly once, in order, while a fifth of the pages fail transiently", async () => {
    // Every fifth page fails once, every tenth twice, with a different fault each time.
    const attemptsPerPage = new Map<number, number>();
    const faults = [respond(503), { kind: "reset" } as const, respond(429, {}, { "retry-after": "0" }), respond(502)];
    const { client, requests } = await faultyClient((request) => {
      const number = pageOf(request.url);
      const attempt = (attemptsPerPage.get(number) ?? 0) + 1;
      attemptsPerPage.set(number, attempt);
      const failures = number % 10 === 0 ? 2 : number % 5 === 0 ? 1 : 0;
      return attempt <= failures ? (faults[(number + attempt) % faults.length] ?? respond(503)) : contactsPage(number);
    });
    const ids: number[] = [];
    for await (const contact of client.contacts.listAll()) {
      ids.push(contact.id);
    }
    expect(ids).toEqual(contacts.map((contact) => contact.id));
    const pages = TOTAL / PAGE_SIZE;
    expect(requests).toHaveLength(pages + pages / 5 + pages / 10);
  });

  it("throws a typed error, never a short export, when a page keeps failing", async () => {
    const { client, requests } = await faultyClient((request) =>
      pageOf(request.url) === 7 ? respond(503) : contactsPage(pageOf(request.url)),
    );
    const ids: number[] = [];
    const error = await (async () => {
      for await (const contact of client.contacts.listAll()) {
        ids.push(contact.id);
      }
    })().catch(failing);
    expect(error).toBeInstanceOf(LiveDeskServerError);
    expect(ids).toEqual(contacts.slice(0, 6 * PAGE_SIZE).map((contact) => contact.id));
    expect(requests.filter((request) => pageOf(request.url) === 7)).toHaveLength(3);
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

  it("follows Retry-After in seconds or as an HTTP date, capped", () => {
    const now = Date.parse("2026-11-24T10:00:00Z");
    expect(retryDelay(0, "3", { maxDelayMs: 30_000, now })).toBe(3_000);
    expect(retryDelay(0, "Tue, 24 Nov 2026 10:00:12 GMT", { maxDelayMs: 30_000, now })).toBe(12_000);
    expect(retryDelay(0, "Tue, 24 Nov 2026 09:59:00 GMT", { maxDelayMs: 30_000, now })).toBe(0);
    expect(retryDelay(0, "120", { maxDelayMs: 30_000, now })).toBe(30_000);
    expect(retryDelay(1, "soon", { maxDelayMs: 30_000, now, random: () => 0.5 })).toBe(500);
  });

  it("is really waited, as timed by fake timers", async () => {
    vi.useFakeTimers();
    try {
      const stub = stubFetch((request) =>
        stub.requests.length === 1
          ? json({}, { status: 429, headers: { "retry-after": "10" } })
          : json(page(makeContacts(1), Number(new URL(request.url).searchParams.get("page") ?? 1))),
      );
      const client = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, fetch: stub.fetch });
      const listing = client.contacts.list();
      await vi.advanceTimersByTimeAsync(9_999);
      expect(stub.requests).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(listing).resolves.toMatchObject({ payload: makeContacts(1) });
      expect(stub.requests).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("credential hygiene", () => {
  const encoded = btoa(`${API_KEY}:${API_SECRET}`);

  it("keeps key and secret out of every error and retry event the suite can provoke", async () => {
    const provoked: unknown[] = [];
    const plans: [FaultPlan, Partial<LiveDeskClientOptions>][] = [
      [() => respond(401, { error: "Invalid Access Token" }), {}],
      [() => respond(403), {}],
      [() => respond(404), {}],
      [() => respond(422, { message: "invalid" }), {}],
      [() => respond(429, {}, { "retry-after": "1" }), {}],
      [() => respond(400, "<html>bad request</html>", { "content-type": "text/html" }), {}],
      [() => respond(503), {}],
      [() => respond(200, "<html>"), {}],
      [() => ({ kind: "reset" }), {}],
      [() => ({ kind: "endless-body" }), { timeoutMs: 50 }],
      [() => respond(200, page(makeContacts(15), 1, 100)), {}],
      [() => respond(200, { code: 7, message: "refused" }), {}],
    ];
    for (const [plan, options] of plans) {
      const { client, retries } = await faultyClient(plan, options);
      provoked.push(await client.contacts.list().catch(failing), ...retries);
      provoked.push(await client.contacts.list({ labels: ["a,b"] }).catch(failing));
      provoked.push(await client.tickets.get("tk_1").catch(failing));
      provoked.push(await client.messages.send(141, { content: "hi" }).catch(failing));
      provoked.push(await client.conversations.create({ inbox_id: 407 } as never).catch(failing));
      const listing = (async () => {
        for await (const _ of client.contacts.listAll()) {
          // drain
        }
      })();
      provoked.push(await listing.catch(failing));
      await server?.close();
      server = undefined;
    }
    const { client } = await faultyClient(() => respond(200));
    await server?.close();
    server = undefined;
    provoked.push(await client.contacts.list().catch(failing));

    expect(provoked.filter((error) => error instanceof Error).length).toBeGreaterThanOrEqual(plans.length * 2);
    for (const value of provoked) {
      const text = renderings(value);
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(API_SECRET);
      expect(text).not.toContain(encoded);
    }
  });

  it("redacts credentials that a custom fetch puts into its own error", async () => {
    const client = createLiveDeskClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      maxRetries: 0,
      fetch: (input, init) => {
        const authorization = new Request(input, init).headers.get("authorization");
        throw new TypeError(`proxy refused ${authorization} for ${API_KEY}`);
      },
    });
    const error = await client.contacts.list().catch(failing);
    expect(error).toBeInstanceOf(LiveDeskConnectionError);
    expect(renderings(error)).not.toMatch(new RegExp(`${API_KEY}|${encoded}`));
    expect((error as Error).message).toContain("[redacted]");
  });
});
