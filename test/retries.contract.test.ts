import { LiveDeskConnectionError, LiveDeskRateLimitError, type RetryEvent } from "@livedesk/client";
import { beforeEach, describe, expect, it } from "vitest";
import { client, collect, mock } from "./helpers.js";

// The client's retries against faults injected into the stateful mock. Retry-After: 0 keeps the waits at zero, so
// nothing here depends on time.
beforeEach(() => mock.reset());

const answered = async () => (await mock.state()).requests.map((request) => request.fault ?? request.status);

describe("retries against injected faults", () => {
  it("retries a 429 as Retry-After says, then gets the page", async () => {
    await mock.addFault({ type: "status", status: 429, retryAfter: 0, times: 2, operation: "listContacts" });
    const retries: RetryEvent[] = [];
    const page = await client({ onRetry: (event) => retries.push(event) }).contacts.list({ page: 2 });
    expect(page.meta).toEqual({ count: 300, current_page: 2 });
    expect(retries.map(({ retry, status, delayMs }) => [retry, status, delayMs])).toEqual([
      [1, 429, 0],
      [2, 429, 0],
    ]);
    expect(await answered()).toEqual(["status", "status", 200]);
  });

  it("keeps listAll going through rate limits in the middle of a listing", async () => {
    await mock.addFault({ type: "status", status: 503, times: 1, operation: "listContacts" });
    const livedesk = client({ maxRetryDelayMs: 0 });
    const iterator = livedesk.contacts.listAll({ labels: ["vip"] });
    const first = await iterator.next();
    await mock.addFault({ type: "status", status: 429, retryAfter: 0, times: 2 });
    const rest = await collect({ [Symbol.asyncIterator]: () => iterator });
    const vip = (await mock.state()).contacts.filter((contact) => contact.labels.includes("vip"));
    expect([first.value?.id, ...rest.map((contact) => contact.id)]).toEqual(vip.map((contact) => contact.id));
    expect((await answered()).filter((answer) => answer === "status")).toHaveLength(3);
  });

  it("gives up after maxRetries with a LiveDeskRateLimitError carrying Retry-After", async () => {
    await mock.addFault({ type: "status", status: 429, retryAfter: 0, times: 3 });
    const error = await client({ maxRetries: 2 })
      .tickets.get("tk_1")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LiveDeskRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 0 });
    expect(await answered()).toEqual(["status", "status", "status"]);
  });

  it("sends a POST once, even when it is rate limited", async () => {
    await mock.addFault({ type: "status", status: 429, retryAfter: 0, times: 1 });
    await expect(client().contacts.create({ inbox_id: 407, name: "Once" })).rejects.toBeInstanceOf(
      LiveDeskRateLimitError,
    );
    expect(await answered()).toEqual(["status"]);
    expect((await mock.state()).contacts.some((contact) => contact.name === "Once")).toBe(false);
  });

  it("retries a reset connection for a GET, and reports it when retries run out", async () => {
    await mock.addFault({ type: "reset", times: 1 });
    await expect(client({ maxRetryDelayMs: 0 }).contacts.list()).resolves.toMatchObject({ meta: { count: 300 } });
    await mock.addFault({ type: "reset", times: 2 });
    await expect(client({ maxRetries: 1, maxRetryDelayMs: 0 }).contacts.list()).rejects.toBeInstanceOf(
      LiveDeskConnectionError,
    );
    expect(await answered()).toEqual(["reset", 200, "reset", "reset"]);
  });
});
