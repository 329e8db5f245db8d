import { afterEach, describe, expect, it } from "vitest";
import { type Finding, ProbeError, ProbeOptionError, type ProbeReport, runProbe } from "../src/index.js";
import { bundledSpec } from "../src/probe/index.js";
import { readSpecFacts } from "../src/probe/spec-facts.js";
import { type Behaviour, CREDENTIALS, type FakeLiveDesk, startFakeLiveDesk } from "./fake-livedesk.js";

const running: FakeLiveDesk[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
});

async function fake(behaviour: Partial<Behaviour> = {}): Promise<FakeLiveDesk> {
  const started = await startFakeLiveDesk(behaviour);
  running.push(started);
  return started;
}

/** Probes a fake LiveDesk that behaves as `behaviour` says; waits after a 429 are recorded, not slept. */
async function probe(behaviour: Partial<Behaviour> = {}, labels: string[] = ["vip", "premium"]) {
  const server = await fake(behaviour);
  const waits: number[] = [];
  const report = await runProbe({
    ...CREDENTIALS,
    baseUrl: server.url,
    labels,
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
    },
  });
  // Read-only, whatever the account does: every request the server saw was a GET, and the report lists them all.
  expect(server.requests.every((request) => request.method === "GET")).toBe(true);
  expect(report.requests.map(({ request }) => request)).toEqual(server.requests.map(({ url }) => `GET ${url}`));
  expect(report.requests.length).toBeLessThanOrEqual(40);
  return { report, waits, server };
}

function finding(report: ProbeReport, id: string): Finding {
  const found = report.findings.find((each) => each.id === id);
  if (!found) {
    throw new Error(`no finding ${id}`);
  }
  return found;
}

describe("probe, on an account that keeps to the spec", () => {
  it("answers every ledger question it can, one row per id in the ledger's order, all confirmed", async () => {
    const { report } = await probe();
    expect(report.findings.map(({ id, verdict }) => [id, verdict])).toEqual([
      ["general-8", "confirmed"],
      ["general-10", "confirmed"],
      ["general-11", "confirmed"],
      ["contacts-2", "confirmed"],
      ["contacts-4", "confirmed"],
      ["contacts-7", "confirmed"],
      ["contacts-8", "confirmed"],
      ["contacts-11", "confirmed"],
      ["contacts-23", "confirmed"],
      ["contacts-24", "confirmed"],
    ]);
    expect(report.contradicted).toBe(false);
  });

  it("quotes what the spec says from its ledger entry", async () => {
    const { report } = await probe();
    expect(finding(report, "contacts-7").spec?.decision).toMatch(/labels=vip,premium/);
    expect(finding(report, "contacts-7").spec?.settledBy).toMatch(/livedesk-mock probe --label A --label B/);
    expect(finding(report, "general-10").spec).toMatchObject({ topic: "Error responses", section: "General" });
  });
});

describe("what the probe reads from the spec", () => {
  it("takes the sort values from the anyOf of documented fields and their upstream -field forms (contacts-23)", () => {
    const { sortValues } = readSpecFacts(bundledSpec());
    expect(sortValues).toEqual(expect.arrayContaining(["created_at", "-created_at", "name", "-name"]));
  });
});

describe("probe tells each pair of behaviours apart", () => {
  it("direction honoured, or only the upstream - prefix (contacts-23)", async () => {
    const honoured = finding((await probe({ sort: "direction" })).report, "contacts-23");
    const prefixOnly = finding((await probe({ sort: "prefix" })).report, "contacts-23");
    expect(honoured).toMatchObject({ verdict: "confirmed", observed: { direction: "honoured", prefix: "ignored" } });
    expect(prefixOnly).toMatchObject({
      verdict: "contradicted",
      observed: { direction: "ignored", prefix: "honoured" },
    });
    expect(prefixOnly.evidence.join("\n")).toMatch(/Sort descending with sort=-created_at/);
  });

  it("current_page echoed as a string, or always an integer (contacts-2)", async () => {
    const echoed = finding((await probe({ currentPage: "echo" })).report, "contacts-2");
    const integer = finding((await probe({ currentPage: "integer" })).report, "contacts-2");
    expect(echoed).toMatchObject({ verdict: "confirmed", observed: { withoutPage: "integer", withPage: "string" } });
    expect(integer).toMatchObject({ verdict: "confirmed", observed: { withoutPage: "integer", withPage: "integer" } });
  });

  it("labels any-match with commas and last-wins when repeated, or any-match both ways, or no comma splitting (contacts-7)", async () => {
    const upstream = finding((await probe({ labels: "upstream" })).report, "contacts-7");
    const repeatedAny = finding((await probe({ labels: "repeated-any" })).report, "contacts-7");
    const literal = finding((await probe({ labels: "comma-literal" })).report, "contacts-7");
    expect(upstream).toMatchObject({ verdict: "confirmed", observed: { comma: ["any"], repeated: ["last"] } });
    expect(repeatedAny).toMatchObject({ verdict: "contradicted", observed: { comma: ["any"], repeated: ["any"] } });
    expect(literal).toMatchObject({ verdict: "contradicted", observed: { comma: ["none"], repeated: ["any"] } });
  });

  it("count as the total, or as the size of the page (contacts-11)", async () => {
    const total = finding((await probe({ count: "total" })).report, "contacts-11");
    const page = finding((await probe({ count: "page" })).report, "contacts-11");
    expect(total).toMatchObject({ verdict: "confirmed", observed: { count: "total" } });
    expect(page).toMatchObject({ verdict: "contradicted", observed: { count: "page size" } });
  });

  it("has_more with q, or a total count with q (contacts-11)", async () => {
    const withHasMore = finding((await probe({ hasMoreWithQ: true })).report, "contacts-11");
    const withTotal = finding((await probe({ hasMoreWithQ: false })).report, "contacts-11");
    expect(withHasMore.observed.search).toEqual({ count: 15, onPage: 15, hasMore: true });
    expect(withHasMore.evidence.join("\n")).toMatch(/with q, count is the number on this page and has_more/);
    expect(withTotal.observed.search).toEqual({ count: 40, onPage: 15 });
    expect(withTotal.evidence.join("\n")).toMatch(/with q, count is the total/);
  });

  it("include_contact_inboxes honoured, or ignored as in the seed's example (contacts-24, contacts-8)", async () => {
    const honoured = (await probe({ includeContactInboxes: "honoured" })).report;
    const ignored = (await probe({ includeContactInboxes: "ignored" })).report;
    expect(finding(honoured, "contacts-24")).toMatchObject({
      verdict: "confirmed",
      observed: { byDefault: "all", whenFalse: "none" },
    });
    expect(finding(ignored, "contacts-24")).toMatchObject({
      verdict: "contradicted",
      observed: { byDefault: "all", whenFalse: "all" },
    });
    expect(finding(honoured, "contacts-8")).toMatchObject({ verdict: "confirmed", observed: { valueOne: "none" } });
    expect(finding(ignored, "contacts-8")).toMatchObject({ verdict: "contradicted", observed: { valueOne: "all" } });
  });

  it("error bodies in either upstream shape, and an unknown ticket as 404 or as a failing code (general-10)", async () => {
    const withError = finding((await probe({ errorBody: "error" })).report, "general-10");
    const withMessage = finding((await probe({ errorBody: "message" })).report, "general-10");
    const inCode = finding((await probe({ ticketNotFound: 200 })).report, "general-10");
    expect(withError).toMatchObject({
      verdict: "confirmed",
      observed: { unauthorized: { status: 401, bodyKeys: ["error"] }, notFound: { status: 404, bodyKeys: ["error"] } },
    });
    expect(withMessage).toMatchObject({
      verdict: "confirmed",
      observed: { unauthorized: { status: 401, bodyKeys: ["message"] } },
    });
    expect(inCode).toMatchObject({ verdict: "contradicted", observed: { notFound: { status: 200, code: 40004 } } });
    expect(inCode.evidence.join("\n")).toMatch(/code 40004 \(integer\), not a 404/);
  });

  it("with or without rate-limit headers (general-11)", async () => {
    const without = finding((await probe({ rateLimitHeaders: false })).report, "general-11");
    const withHeaders = finding((await probe({ rateLimitHeaders: true })).report, "general-11");
    expect(without).toMatchObject({ verdict: "confirmed", observed: { headers: {} } });
    expect(withHeaders).toMatchObject({
      verdict: "undocumented",
      observed: { headers: { "x-ratelimit-limit": "60", "x-ratelimit-remaining": expect.any(String) } },
    });
  });

  it("with or without fields the spec does not document (general-8), which is drift, not a contradiction", async () => {
    const plain = (await probe({ extraFields: false })).report;
    const extra = (await probe({ extraFields: true })).report;
    expect(finding(plain, "general-8")).toMatchObject({ verdict: "confirmed", observed: { fields: [] } });
    expect(finding(extra, "general-8")).toMatchObject({
      verdict: "undocumented",
      observed: {
        fields: expect.arrayContaining([
          "GET /api/v2/accounts/contacts 200: meta.total_pages",
          "GET /api/v2/accounts/contacts 200: payload[].phone_verified",
        ]),
      },
    });
    expect(extra.contradicted).toBe(false);
  });

  it("a fixed page of 15, a page_size that works, or pages of another size (contacts-4)", async () => {
    const fixed = finding((await probe({ pageSize: 15 })).report, "contacts-4");
    const sized = finding((await probe({ pageSizeParameter: true })).report, "contacts-4");
    const twenty = finding((await probe({ pageSize: 20 })).report, "contacts-4");
    expect(fixed).toMatchObject({ verdict: "confirmed", observed: { pageSize: 15, pageSizeParameter: "ignored" } });
    expect(sized).toMatchObject({ verdict: "contradicted", observed: { pageSize: 15, pageSizeParameter: "honoured" } });
    expect(twenty).toMatchObject({ verdict: "contradicted", observed: { firstPage: 20 } });
  });
});

describe("probe, on accounts that cannot answer", () => {
  it("says why it could not tell on an empty account, and contradicts nothing", async () => {
    const { report } = await probe({ contacts: 0 });
    const couldNotTell = report.findings.filter((each) => each.verdict === "could not tell").map((each) => each.id);
    expect(couldNotTell).toEqual([
      "contacts-4",
      "contacts-7",
      "contacts-8",
      "contacts-11",
      "contacts-23",
      "contacts-24",
    ]);
    expect(finding(report, "contacts-4").evidence.join("\n")).toMatch(/no contacts/);
    expect(finding(report, "contacts-23").evidence.join("\n")).toMatch(/Fewer than two contacts/);
    expect(report.contradicted).toBe(false);
  });

  it("cannot see a page size or what count means with fewer contacts than a page", async () => {
    const { report } = await probe({ contacts: 3 });
    expect(finding(report, "contacts-4")).toMatchObject({ verdict: "could not tell" });
    expect(finding(report, "contacts-4").evidence.join("\n")).toMatch(/too few to see where a page ends/);
    expect(finding(report, "contacts-11")).toMatchObject({ verdict: "could not tell" });
    expect(finding(report, "contacts-23")).toMatchObject({ verdict: "confirmed" });
  });

  it("asks for two labels when none are named", async () => {
    const { report } = await probe({}, []);
    expect(finding(report, "contacts-7")).toMatchObject({ verdict: "could not tell" });
    expect(finding(report, "contacts-7").evidence[0]).toMatch(/--label <one> --label <another>/);
  });

  it("cannot tell the label rules apart when both labels select the same contacts", async () => {
    const { report } = await probe({}, ["vip", "vip"]);
    expect(finding(report, "contacts-7")).toMatchObject({ verdict: "could not tell" });
    expect(finding(report, "contacts-7").evidence.join("\n")).toMatch(/do not tell the rules apart/);
  });

  it("names a label that is on no contact", async () => {
    const { report } = await probe({}, ["vip", "nobody-has-this"]);
    expect(finding(report, "contacts-7")).toMatchObject({ verdict: "could not tell" });
    expect(finding(report, "contacts-7").evidence.join("\n")).toMatch(/each on at least one contact/);
  });
});

describe("probe and rate limits", () => {
  it("waits as long as Retry-After says, then asks again", async () => {
    const { report, waits } = await probe({ tooManyRequests: { times: 1, retryAfter: "3" } });
    expect(waits).toEqual([3000]);
    expect(report.requests[0]).toEqual({ request: "GET /api/v2/accounts/contacts", status: 429 });
    expect(finding(report, "general-11").evidence.join("\n")).toMatch(/answered 429 \(too many requests\) 1 time/);
  });

  it("reads Retry-After as a date", async () => {
    const server = await fake({ tooManyRequests: { times: 1, retryAfter: "Wed, 21 Oct 2015 07:28:10 GMT" } });
    const waits: number[] = [];
    await runProbe({
      ...CREDENTIALS,
      baseUrl: server.url,
      now: () => Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"),
      sleep: async (milliseconds) => {
        waits.push(milliseconds);
      },
    });
    expect(waits).toEqual([10_000]);
  });

  it("gives up rather than wait longer than a minute", async () => {
    const server = await fake({ tooManyRequests: { times: 1, retryAfter: "3600" } });
    const waits: number[] = [];
    const probing = runProbe({ ...CREDENTIALS, baseUrl: server.url, sleep: async (ms) => void waits.push(ms) });
    await expect(probing).rejects.toThrow(/did not answer with a page of contacts: .* answered 429/);
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("asks at most three times when every answer is 429", async () => {
    const server = await fake({ tooManyRequests: { times: 100 } });
    const waits: number[] = [];
    const probing = runProbe({ ...CREDENTIALS, baseUrl: server.url, sleep: async (ms) => void waits.push(ms) });
    await expect(probing).rejects.toBeInstanceOf(ProbeError);
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([2000, 2000]);
  });
});

describe("probe failures", () => {
  it("stops when the credentials are refused", async () => {
    const server = await fake();
    await expect(runProbe({ apiKey: "other", apiSecret: "other", baseUrl: server.url })).rejects.toThrow(
      /LiveDesk refused the credentials: GET \/api\/v2\/accounts\/contacts answered 401.*Check LIVEDESK_API_KEY/,
    );
  });

  it("probes the spec's server unless given a base URL", async () => {
    const server = await fake();
    const spec = { ...bundledSpec(), servers: [{ url: server.url }] };
    const report = await runProbe({ ...CREDENTIALS, spec });
    expect(report.baseUrl).toBe(server.url);
    expect(server.requests.length).toBe(report.requests.length);
  });

  it("says so when LiveDesk cannot be reached", async () => {
    const server = await fake();
    await server.close();
    await expect(runProbe({ ...CREDENTIALS, baseUrl: server.url })).rejects.toThrow(/Could not reach http:\/\/127/);
  });

  it.each([
    [{ labels: ["vip"] }, /Name two labels \(or none\), got 1/],
    [{ labels: ["vip", "a,b"] }, /cannot be empty or contain a comma/],
    [{ baseUrl: "https://key:secret@livedesk-api.engagelab.com" }, /without credentials in it/],
    [{ baseUrl: "livedesk-api.engagelab.com" }, /must be an http\(s\) URL/],
    [{ apiKey: "key:secret" }, /apiKey cannot contain ':'/],
    [{ apiSecret: " " }, /apiSecret is missing or empty/],
    [{ query: "" }, /query cannot be empty/],
  ])("rejects bad options %j with a ProbeOptionError", async (options, message) => {
    const probing = runProbe({ ...CREDENTIALS, ...options });
    await expect(probing).rejects.toThrow(message);
    await expect(probing).rejects.toBeInstanceOf(ProbeOptionError);
  });
});
