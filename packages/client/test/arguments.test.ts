import { describe, expect, it } from "vitest";
import { createLiveDeskClient, LiveDeskArgumentError, type LiveDeskClientOptions } from "../src/index.js";
import { API_KEY, API_SECRET, json, stubFetch } from "./helpers.js";

function expectArgumentError(action: () => unknown, argument: string, message: RegExp): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(LiveDeskArgumentError);
  expect(thrown).toMatchObject({ name: "LiveDeskArgumentError", code: "invalid_argument", argument });
  expect((thrown as Error).message).toMatch(message);
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
    ["baseUrl", { ...valid, baseUrl: "livedesk-api.engagelab.com" }, /absolute URL/],
    ["baseUrl", { ...valid, baseUrl: "ftp://livedesk-api.engagelab.com" }, /http\(s\)/],
    ["baseUrl", { ...valid, baseUrl: "https://me:pw@livedesk-api.engagelab.com" }, /user name or password/],
    ["baseUrl", { ...valid, baseUrl: "https://livedesk-api.engagelab.com/?x=1" }, /query string/],
    ["fetch", { ...valid, fetch: "fetch" }, /expected a function/],
    [
      "baseUrl",
      { ...valid, baseUrl: "http://livedesk.example.com" },
      /unencrypted to livedesk.example.com.*allowInsecureHttp/,
    ],
    ["maxRetries", { ...valid, maxRetries: -1 }, /whole number of 0 or more/],
    ["maxRetries", { ...valid, maxRetries: 1.5 }, /got 1.5/],
    ["timeoutMs", { ...valid, timeoutMs: Number.POSITIVE_INFINITY }, /whole number/],
    ["maxRetryDelayMs", { ...valid, maxRetryDelayMs: "1000" }, /whole number/],
    ["onRetry", { ...valid, onRetry: true }, /expected a function/],
  ])("%s: %o", (argument, options, message) => {
    expectArgumentError(() => createLiveDeskClient(options as LiveDeskClientOptions), argument, message);
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

  it("rejects bad per-call policy overrides before sending", async () => {
    const stub = stubFetch(() => json({}));
    const client = createLiveDeskClient({ ...valid, fetch: stub.fetch });
    await expect(client.contacts.list({}, { timeoutMs: -5 })).rejects.toMatchObject({ argument: "timeoutMs" });
    expect(stub.requests).toHaveLength(0);
  });

  it("never echoes a credential in the message", () => {
    for (const options of [
      { apiKey: "leaky:key", apiSecret: API_SECRET },
      { apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: "https://leaky:secret@example.com" },
    ]) {
      expect(() => createLiveDeskClient(options)).toThrow(LiveDeskArgumentError);
      try {
        createLiveDeskClient(options);
      } catch (error) {
        expect(String(error)).not.toMatch(/leaky/);
      }
    }
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
    ["labels", { labels: [""] }, /non-empty string/],
    ["labels", { labels: [7] }, /non-empty string, got 7/],
    ["include_contact_inboxes", { include_contact_inboxes: "true" }, /expected true or false/],
    ["include_contact_inboxes", { include_contact_inboxes: 1 }, /expected true or false/],
    ["sort", { sort: "company_name" }, /expected one of email, name, .*company.*, got "company_name"/],
    ["sort", { sort: "-company_name" }, /expected one of .*-company.*, got "-company_name"/],
    ["direction", { direction: "up" }, /expected one of asc, desc/],
    ["q", { q: "" }, /non-empty search string/],
  ];

  it.each(cases)("%s: %o via contacts.list", async (argument, query, message) => {
    const stub = stubFetch(() => json({}));
    const client = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, fetch: stub.fetch });
    const error = await client.contacts.list(query as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LiveDeskArgumentError);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toMatch(message);
    expect(stub.requests).toHaveLength(0);
  });

  it.each(cases)("%s: %o via the raw GET", async (argument, query) => {
    const stub = stubFetch(() => json({}));
    const client = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, fetch: stub.fetch });
    const request = client.GET("/api/v2/accounts/contacts", { params: { query: query as never } });
    await expect(request).rejects.toMatchObject({ name: "LiveDeskArgumentError", argument });
    expect(stub.requests).toHaveLength(0);
  });

  it("via listAll, on the first iteration and before any request", async () => {
    const stub = stubFetch(() => json({}));
    const client = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, fetch: stub.fetch });
    const iterator = client.contacts.listAll({ labels: ["a,b"] });
    await expect(iterator.next()).rejects.toBeInstanceOf(LiveDeskArgumentError);
    expect(stub.requests).toHaveLength(0);
  });
});
