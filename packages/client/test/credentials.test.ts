import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createLiveDeskClient,
  LiveDeskArgumentError,
  LiveDeskConnectionError,
  LiveDeskError,
  type RetryEvent,
} from "../src/index.js";
import { type FaultPlan, respond, startFaultServer } from "./fault-server.js";
import {
  API_KEY,
  API_SECRET,
  contactPage,
  expectNoCredentials,
  failureOf,
  json,
  makeContacts,
  stubbedClient,
} from "./helpers.js";

const PAIR = `${API_KEY}:${API_SECRET}`;
const BASE64 = Buffer.from(PAIR).toString("base64");
const AUTHORIZATION = `Basic ${BASE64}`;
/** Every form of the credentials a careless fetch or server could quote. */
const LEAKS = `${AUTHORIZATION} ${PAIR} ${encodeURIComponent(PAIR)} ${encodeURIComponent(BASE64).toLowerCase()} ${JSON.stringify(API_SECRET)}`;

describe("whatever a custom fetch throws, the client throws a redacted LiveDeskError", () => {
  const throwers: [string, (request: Request, init?: RequestInit) => unknown][] = [
    [
      "an Error quoting the Authorization header",
      (request) => new Error(`proxy refused ${request.headers.get("authorization")}`),
    ],
    ["a TypeError with credentials in its cause", () => new TypeError("fetch failed", { cause: new Error(LEAKS) })],
    [
      "an Error with a system code",
      () => Object.assign(new Error(`connect ECONNREFUSED ${LEAKS}`), { code: "ECONNREFUSED" }),
    ],
    ["an Error whose name and stack quote them", () => Object.assign(new Error("no"), { name: PAIR, stack: LEAKS })],
    ["a string", () => `nock: no match for ${LEAKS}`],
    ["an object carrying the headers", (request) => ({ headers: Object.fromEntries(request.headers), message: LEAKS })],
    ["the request itself", (request) => request],
    ["the init", (_, init) => ({ ...init, headers: { authorization: AUTHORIZATION } })],
    ["undefined", () => undefined],
  ];

  it.each(throwers)("%s", async (_, thrown) => {
    const { client, requests } = stubbedClient((request) => {
      throw thrown(request, { signal: request.signal });
    });
    const error = await failureOf(client.contacts.list());
    expect(error).toBeInstanceOf(LiveDeskConnectionError);
    expect(requests).toHaveLength(3); // a failure of the connection, retried like one
    const raw = await failureOf(client.GET("/api/v2/accounts/contacts"));
    expect(raw).toBeInstanceOf(LiveDeskConnectionError);
  });

  it("says what the fetch said, with the credentials replaced", async () => {
    const { client } = stubbedClient(
      (request) => {
        throw new Error(`tunnel to proxy failed: ${request.headers.get("authorization")} for ${API_KEY}`);
      },
      { maxRetries: 0 },
    );
    const error = await failureOf(client.contacts.list());
    expect((error as Error).message).toMatch(/: tunnel to proxy failed: \[redacted\] for \[redacted\]$/);
  });
});

describe("whatever the server echoes, errors are redacted", () => {
  const echoes: [string, FaultPlan][] = [
    ["a 401 JSON body quoting the header", () => respond(401, { error: "bad", authorization: AUTHORIZATION })],
    [
      "a 403 text body quoting key:secret",
      () => respond(403, `forbidden for ${PAIR}`, { "content-type": "text/plain" }),
    ],
    ["a 422 body with the secret as a key", () => respond(422, { [API_SECRET]: ["is invalid"], message: LEAKS })],
    ["a 500 with the request id echoing the header", () => respond(500, {}, { "x-request-id": BASE64 })],
    ["a 200 that is not JSON", () => respond(200, `<html>${LEAKS}</html>`, { "content-type": "text/html" })],
    ["a ticket envelope refusing", () => respond(200, { code: 9, message: LEAKS })],
  ];

  it.each(echoes)("%s", async (_, plan) => {
    const server = await startFaultServer(plan);
    try {
      const client = createLiveDeskClient({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        baseUrl: server.url,
        maxRetries: 0,
      });
      const errors = [
        await failureOf(client.contacts.list()),
        await failureOf(client.contacts.listAll()),
        await failureOf(client.tickets.get("tk_1")),
      ];
      for (const error of errors) {
        expect(error).toBeInstanceOf(LiveDeskError);
      }
      expect(inspect(errors, { depth: 10 })).toMatch(/\[redacted\]/);
    } finally {
      await server.close();
    }
  });

  it("percent-encoded credentials in the URL, e.g. a secret passed as q by mistake", async () => {
    const { client } = stubbedClient(() => json({}, { status: 500 }), { maxRetries: 0 });
    const error = await failureOf(client.contacts.list({ q: API_SECRET }));
    expect((error as LiveDeskError).url).toMatch(/\?q=\[redacted\]$/);
  });

  it("keeps the rest of the text as it was", async () => {
    const { client } = stubbedClient(() => json({ error: `expired ${API_KEY} since 2026` }, { status: 401 }));
    const error = await failureOf(client.contacts.list());
    expect((error as Error).message).toMatch(/Server said: expired \[redacted\] since 2026$/);
    expect(error).toMatchObject({ body: { error: "expired [redacted] since 2026" } });
  });
});

describe("short credentials", () => {
  const SHORT = { apiKey: "k", apiSecret: "s" };
  const short = (answer: Parameters<typeof stubbedClient>[0]) =>
    stubbedClient(answer, { ...SHORT, maxRetries: 0 }).client;

  it("do not garble text that merely contains their letters, which would give them away", async () => {
    const body: Record<string, unknown> = { name: "loop" };
    body.self = body;
    const error = await failureOf(short(() => json({})).contacts.create(body as never), { credentials: SHORT });
    expect(error).toBeInstanceOf(LiveDeskArgumentError);
    expect((error as Error).message).toMatch(/Converting circular structure to JSON/);
    expect((error as Error).message).not.toMatch(/redacted/);
  });

  it("are still removed where the client puts them, in the Authorization header", async () => {
    const client = short((request) => {
      throw new Error(`proxy refused ${request.headers.get("authorization")}, so it says`);
    });
    const error = await failureOf(client.contacts.list(), { credentials: SHORT });
    expect((error as Error).message).toMatch(/proxy refused \[redacted\], so it says$/);
  });
});

describe("nothing else the client hands out carries credentials", () => {
  it("retry events and log lines", async () => {
    const retries: RetryEvent[] = [];
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const { client } = stubbedClient(
      (request, index) => {
        if (index === 0) {
          throw new Error(`refused ${request.headers.get("authorization")}`);
        }
        return index === 1 ? json({ echo: LEAKS }, { status: 503 }) : json(contactPage(makeContacts(1), 1));
      },
      {
        onRetry: (event) => retries.push(event),
        logger: { debug: log, info: log, warn: log, error: log },
        logLevel: "debug",
      },
    );
    await client.contacts.list({ q: API_SECRET });
    expect(retries).toHaveLength(2);
    expect(lines).toEqual([
      expect.stringMatching(
        /^\[livedesk\] GET .*\?q=\[redacted\]: Could not reach .* \[redacted\]; retry 1 of 2 in 0 ms$/,
      ),
      expect.stringMatching(/^\[livedesk\] GET .*: HTTP 503 \(attempt 2\)$/),
      expect.stringMatching(/^\[livedesk\] GET .*: HTTP 503; retry 2 of 2 in 0 ms$/),
      expect.stringMatching(/^\[livedesk\] GET .*: HTTP 200 \(attempt 3\)$/),
    ]);
    expectNoCredentials(retries);
    expectNoCredentials(lines);
  });

  it("the client object", () => {
    const { client } = stubbedClient();
    expectNoCredentials(inspect(client, { depth: 10, showHidden: true }));
    expectNoCredentials(JSON.stringify(client));
  });
});
