import { describe, expect, it } from "vitest";
import { createLiveDeskClient, LiveDeskArgumentError, type LiveDeskClientOptions } from "../src/index.js";
import { API_KEY, API_SECRET, failureOf, json, stubbedClient } from "./helpers.js";

/** The argument error `action` throws, checked for its argument and message. */
async function expectArgumentError(action: () => unknown, argument: string, message: RegExp): Promise<void> {
  const error = await failureOf(action);
  expect(error).toBeInstanceOf(LiveDeskArgumentError);
  expect(error).toMatchObject({ name: "LiveDeskArgumentError", code: "invalid_argument", argument });
  expect((error as Error).message).toMatch(message);
}

describe("createLiveDeskClient rejects unusable options", () => {
  const valid: LiveDeskClientOptions = { apiKey: API_KEY, apiSecret: API_SECRET };

  it.each([
    ["apiKey", { ...valid, apiKey: "" }, /empty/],
    ["apiKey", { ...valid, apiKey: "   " }, /empty/],
    ["apiSecret", { ...valid, apiSecret: "" }, /empty/],
    ["apiKey", { ...valid, apiKey: undefined }, /expected a string, got undefined/],
    ["apiSecret", { ...valid, apiSecret: 42 }, /expected a string, got number/],
    ["apiKey", { ...valid, apiKey: "key:secret" }, /cannot contain ':'/],
    ["headers", { ...valid, headers: { authorization: "Bearer x" } }, /apiKey and apiSecret/],
    ["headers", { ...valid, headers: 42 }, /expected headers/],
    ["baseUrl", { ...valid, baseUrl: "livedesk-api.engagelab.com" }, /absolute URL/],
    ["baseUrl", { ...valid, baseUrl: "ftp://livedesk-api.engagelab.com" }, /http\(s\)/],
    ["baseUrl", { ...valid, baseUrl: "https://me:pw@livedesk-api.engagelab.com" }, /user name or password/],
    ["baseUrl", { ...valid, baseUrl: "https://livedesk-api.engagelab.com/?x=1" }, /query string/],
    ["fetch", { ...valid, fetch: "fetch" }, /expected a function, got "fetch"/],
    [
      "baseUrl",
      { ...valid, baseUrl: "http://livedesk.example.com" },
      /unencrypted to livedesk.example.com.*allowInsecureHttp/,
    ],
    ["maxRetries", { ...valid, maxRetries: -1 }, /whole number of 0 or more/],
    ["maxRetries", { ...valid, maxRetries: 1.5 }, /got 1.5/],
    ["timeoutMs", { ...valid, timeoutMs: Number.POSITIVE_INFINITY }, /whole number/],
    ["timeoutMs", { ...valid, timeoutMs: 2 ** 31 }, /2147483648 ms is longer than .* Pass 0 for no timeout/],
    ["maxRetryDelayMs", { ...valid, maxRetryDelayMs: 2 ** 31 }, /longer than the 2147483647 ms/],
    ["maxRetryDelayMs", { ...valid, maxRetryDelayMs: "1000" }, /whole number of 0 or more, got "1000"/],
    ["onRetry", { ...valid, onRetry: true }, /expected a function, got true/],
    ["logLevel", { ...valid, logLevel: "verbose" }, /expected one of off, error, warn, info, debug, got "verbose"/],
    ["logger", { ...valid, logger: {}, logLevel: "info" }, /expected an object with a error\(message\) method/],
  ])("%s: %o", async (argument, options, message) => {
    await expectArgumentError(() => createLiveDeskClient(options as LiveDeskClientOptions), argument, message);
  });

  it("accepts the longest timer there is", () => {
    expect(() =>
      createLiveDeskClient({ ...valid, timeoutMs: 2 ** 31 - 1, maxRetryDelayMs: 2 ** 31 - 1 }),
    ).not.toThrow();
  });

  it.each(["http://127.0.0.1:4010", "http://127.1.2.3", "http://localhost:8080", "http://[::1]:4010"])(
    "accepts plain http on loopback: %s",
    (baseUrl) => {
      expect(() => createLiveDeskClient({ ...valid, baseUrl })).not.toThrow();
    },
  );

  it("accepts plain http elsewhere only with allowInsecureHttp", () => {
    expect(() =>
      createLiveDeskClient({ ...valid, baseUrl: "http://mock:4010", allowInsecureHttp: true }),
    ).not.toThrow();
  });

  it("never echoes a credential in the message", async () => {
    for (const options of [
      { apiKey: "leaky:key", apiSecret: API_SECRET },
      { apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: "https://leaky:secret@example.com" },
    ]) {
      const error = await failureOf(() => createLiveDeskClient(options));
      expect(error).toBeInstanceOf(LiveDeskArgumentError);
      expect(String(error)).not.toMatch(/leaky/);
    }
  });
});

describe("per-call options are checked before sending", () => {
  it.each([
    ["timeoutMs", { timeoutMs: -5 }, /got -5/],
    ["timeoutMs", { timeoutMs: 2 ** 40 }, /longer than/],
    ["maxRetries", { maxRetries: "2" }, /got "2"/],
    ["headers", { headers: { Authorization: "Basic eA==" } }, /do not set Authorization/],
    ["onResponse", { onResponse: "log" }, /expected a function/],
    ["signal", { signal: "stop" }, /expected an AbortSignal/],
  ])("%s: %o", async (argument, options, message) => {
    const { client, requests } = stubbedClient();
    await expectArgumentError(() => client.contacts.list({}, options as never), argument, message);
    expect(requests).toHaveLength(0);
  });
});

describe("query parameters are checked before any request is sent", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["page", { page: 0 }, /integer of 1 or more/],
    ["page", { page: -3 }, /got -3/],
    ["page", { page: 1.5 }, /got 1\.5/],
    ["page", { page: "2" }, /got "2"/],
    ["page", { page: Number.NaN }, /got NaN/],
    ["labels", { labels: ["vip,premium"] }, /contains a comma/],
    ["labels", { labels: ["vip", "a,b"] }, /"a,b" contains a comma/],
    ["labels", { labels: "vip" }, /expected an array/],
    ["labels", { labels: [] }, /one or more label names.*Omit labels/],
    ["labels", { labels: [""] }, /non-empty string, got ""/],
    ["labels", { labels: [7] }, /non-empty string, got 7/],
    ["include_contact_inboxes", { include_contact_inboxes: "true" }, /expected true or false, got "true"/],
    ["include_contact_inboxes", { include_contact_inboxes: 1 }, /expected true or false/],
    ["sort", { sort: "company_name" }, /expected one of email, name, .*company.*, got "company_name"/],
    ["sort", { sort: "-company_name" }, /expected one of .*-company.*, got "-company_name"/],
    ["direction", { direction: "up" }, /expected one of asc, desc/],
    ["q", { q: "" }, /non-blank search string, got ""/],
    ["q", { q: " \t" }, /non-blank search string/],
  ];

  it.each(cases)("%s: %o via contacts.list", async (argument, query, message) => {
    const { client, requests } = stubbedClient();
    await expectArgumentError(() => client.contacts.list(query as never), argument, message);
    expect(requests).toHaveLength(0);
  });

  it.each(cases)("%s: %o via the raw GET", async (argument, query, message) => {
    const { client, requests } = stubbedClient();
    await expectArgumentError(
      () => client.GET("/api/v2/accounts/contacts", { params: { query: query as never } }),
      argument,
      message,
    );
    expect(requests).toHaveLength(0);
  });

  it("via listAll, on the first iteration and before any request", async () => {
    const { client, requests } = stubbedClient();
    const iterator = client.contacts.listAll({ labels: ["a,b"] });
    expect(await failureOf(iterator.next())).toBeInstanceOf(LiveDeskArgumentError);
    expect(requests).toHaveLength(0);
  });

  it("refuses a request line longer than 8 kB, which servers commonly refuse to read", async () => {
    const { client, requests } = stubbedClient(() => json({ meta: { count: 0, current_page: 1 }, payload: [] }));
    const labels = Array.from({ length: 5_000 }, (_, index) => `label-${index}`);
    await expectArgumentError(() => client.contacts.list({ labels }), "query", /request line would be \d+ bytes/);
    await expectArgumentError(() => client.contacts.search("x".repeat(100_000)), "query", /fewer labels/);
    await expectArgumentError(() => client.tickets.get("t".repeat(9_000)), "path", /request line/);
    expect(requests).toHaveLength(0);
    await client.contacts.list({ q: "x".repeat(8_000) });
    expect(requests).toHaveLength(1);
  });
});

describe("a request that cannot be built", () => {
  it("is an argument error of the raw client too, not a connection failure, and is not retried", async () => {
    const { client, requests } = stubbedClient();
    await expectArgumentError(
      () => client.GET("/api/v2/accounts/contacts", { headers: { "X-Note": "two\nlines" } }),
      "request",
      /could not be built \(GET \/api\/v2\/accounts\/contacts\): .*header/i,
    );
    expect(requests).toHaveLength(0);
  });
});

describe("path parameters are checked before any request is sent", () => {
  it.each([".", "..", "", "   "])("the raw client refuses %j, which would leave its path segment", async (id) => {
    const { client, requests } = stubbedClient();
    const path = "/api/v2/accounts/tickets/{ticket_id}";
    await expectArgumentError(
      () => client.GET(path, { params: { path: { ticket_id: id } } }),
      "ticket_id",
      /not empty, blank, "\." or "\.\."/,
    );
    await expectArgumentError(
      () => client.PUT(path, { params: { path: { ticket_id: id } }, body: { title: "t", description: "d" } }),
      "ticket_id",
      /would not name one item/,
    );
    expect(requests).toHaveLength(0);
  });

  it("the raw client refuses a missing one", async () => {
    const { client } = stubbedClient();
    await expectArgumentError(
      () => client.GET("/api/v2/accounts/tickets/{ticket_id}", { params: { path: {} } } as never),
      "ticket_id",
      /got undefined/,
    );
  });
});

describe("request bodies are checked before any request is sent", () => {
  it("a body with a cycle or a BigInt: an argument error, never sent, never retried", async () => {
    const cyclic: Record<string, unknown> = { title: "t", description: "d" };
    cyclic.self = cyclic;
    const { client, requests } = stubbedClient();
    const update = (body: unknown) => client.tickets.update("tk_1", body as never);
    await expectArgumentError(() => update(cyclic), "body", /cannot be sent as JSON \(Converting circular structure/);
    await expectArgumentError(() => update({ title: "t", description: "d", n: 10n }), "body", /BigInt/);
    expect(requests).toHaveLength(0);
  });

  it.each([
    [{ content: "" }, /non-blank string, \{ content: "…" \}, got ""/],
    [{ content: "  " }, /got " {2}"/],
    [{ content: 4 }, /got 4/],
    [{}, /got undefined/],
  ])("messages.send rejects %j: LiveDesk requires the message text", async (body, message) => {
    const { client, requests } = stubbedClient();
    await expectArgumentError(() => client.messages.send(1, body as never), "content", message);
    expect(requests).toHaveLength(0);
  });
});

describe("argument errors quote strings, so that a number and its digits differ", () => {
  it.each([
    [{ page: "4" }, /got "4"\./],
    [{ page: 4.5 }, /got 4\.5\./],
  ])("%o", async (query, message) => {
    const { client } = stubbedClient();
    await expectArgumentError(() => client.contacts.list(query as never), "page", message);
  });

  it("and cut long strings short", async () => {
    const { client } = stubbedClient();
    const error = await failureOf(client.contacts.list({ sort: "x".repeat(10_000) } as never));
    expect((error as Error).message.length).toBeLessThan(300);
  });
});
