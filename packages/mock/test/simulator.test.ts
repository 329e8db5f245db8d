import { afterEach, describe, expect, it, vi } from "vitest";
import { createSimulator, DEFAULT_CREDENTIALS, type SimulatedContact } from "../src/index.js";
import { AUTH, CONTACTS, call, clientFor, documentedErrorBody, startWebhookReceiver } from "./helpers.js";

const ids = (contacts: readonly { id: number }[]) => contacts.map((contact) => contact.id);

describe("authentication", () => {
  it("answers 401 with the spec's example body to missing or wrong credentials", async () => {
    const simulator = createSimulator({ contacts: 1 });
    for (const headers of [
      {},
      { authorization: `Basic ${btoa("test-api-key:wrong")}` },
      { authorization: "Bearer x" },
    ]) {
      const answer = await call(simulator.fetch, "GET", CONTACTS, undefined, headers);
      expect([answer.status, answer.body]).toEqual([401, documentedErrorBody("GET", CONTACTS, 401)]);
    }
  });

  it("takes the configured key and secret, and only those", async () => {
    const simulator = createSimulator({ contacts: 1, apiKey: "k", apiSecret: "s" });
    await expect(clientFor(simulator.fetch, { apiKey: "k", apiSecret: "s" }).contacts.list()).resolves.toMatchObject({
      meta: { count: 1 },
    });
    expect((await call(simulator.fetch, "GET", CONTACTS)).status).toBe(401);
  });

  it("keeps no header in its request log, so no credential", async () => {
    const simulator = createSimulator({ contacts: 1 });
    await call(simulator.fetch, "GET", `${CONTACTS}?page=1`);
    const log = JSON.stringify(simulator.requests);
    expect(log).not.toContain(DEFAULT_CREDENTIALS.apiSecret);
    expect(log).not.toContain(AUTH.authorization.slice(6));
    expect(simulator.requests).toEqual([
      { method: "GET", path: CONTACTS, query: "?page=1", operation: "listContacts", body: undefined, status: 200 },
    ]);
  });
});

describe("listing contacts", () => {
  const simulator = createSimulator({ seed: 7, contacts: 40 });
  const list = (query: string) => call(simulator.fetch, "GET", `${CONTACTS}${query}`);

  it("pages 15 at a time; count is the total; current_page echoes page as sent, or is 1", async () => {
    const [first, third, beyond] = await Promise.all([list(""), list("?page=3"), list("?page=4")]);
    expect(first.body.meta).toEqual({ count: 40, current_page: 1 });
    expect(ids(first.body.payload)).toEqual(ids(simulator.contacts.slice(0, 15)));
    expect(third.body.meta).toEqual({ count: 40, current_page: "3" });
    expect(ids(third.body.payload)).toEqual(ids(simulator.contacts.slice(30)));
    expect(beyond.body.payload).toEqual([]);
  });

  it("renders contacts like the spec's Contact, with contact_inboxes unless include_contact_inboxes=false", async () => {
    const [withInboxes, without] = await Promise.all([list(""), list("?include_contact_inboxes=false")]);
    const [contact] = simulator.contacts as SimulatedContact[];
    expect(withInboxes.body.payload[0]).toEqual({
      id: contact?.id,
      name: contact?.name,
      email: contact?.email,
      phone_number: contact?.phone_number,
      identifier: contact?.identifier,
      thumbnail: "",
      availability_status: "offline",
      blocked: contact?.blocked,
      additional_attributes: contact?.additional_attributes,
      custom_attributes: {},
      created_at: contact?.created_at,
      ...(contact?.last_activity_at !== undefined && { last_activity_at: contact.last_activity_at }),
      contact_inboxes: [
        {
          source_id: contact?.contact_inboxes[0]?.source_id,
          inbox: { id: 407, name: "Customer Service Channel", channel_type: "Channel::Api" },
        },
      ],
    });
    expect(without.body.payload[0]).not.toHaveProperty("contact_inboxes");
  });

  it("filters labels=a,b with any-match; of repeated labels only the last counts, as in Rack", async () => {
    const having = (...labels: string[]) =>
      ids(simulator.contacts.filter((contact) => contact.labels.some((label) => labels.includes(label))));
    const expected = having("vip", "lead");
    expect(expected.length).toBeGreaterThan(having("vip").length);
    const [comma, repeated, brackets] = await Promise.all([
      list("?labels=vip,lead&page=1"),
      list("?labels=vip&labels=lead"),
      list("?labels[]=vip&labels[]=lead"),
    ]);
    expect(comma.body.meta.count).toBe(expected.length);
    expect(ids(comma.body.payload)).toEqual(expected.slice(0, 15));
    expect(repeated.body.meta.count).toBe(having("lead").length);
    expect(brackets.body.meta.count).toBe(expected.length);
  });

  it.each(["email", "name", "phone_number", "last_activity_at", "created_at", "company", "city", "country"])(
    "sorts by %s in both directions, missing values last",
    async (sort) => {
      const [ascending, descending] = await Promise.all([
        list(`?sort=${sort}&direction=asc`),
        list(`?sort=${sort}&direction=desc`),
      ]);
      const value = (contact: SimulatedContact) =>
        ({
          company: contact.additional_attributes.company_name,
          city: contact.additional_attributes.city,
          country: contact.additional_attributes.country,
        })[sort] ?? contact[sort as keyof SimulatedContact];
      const isMissing = (contact: SimulatedContact) => [null, undefined, ""].includes(value(contact) as never);
      // The order the test expects, worked out here rather than by the simulator's own sort: by value (letters
      // without case), ties by id, contacts without a value last.
      const expectedIds = (sign: 1 | -1) => {
        const present = simulator.contacts.filter((contact) => !isMissing(contact));
        present.sort((a, b) => {
          const [left, right] = [normalise(value(a)), normalise(value(b))];
          return (left < right ? -sign : left > right ? sign : 0) || a.id - b.id;
        });
        return ids([...present, ...simulator.contacts.filter(isMissing)]).slice(0, 15);
      };
      expect(ids(ascending.body.payload)).toEqual(expectedIds(1));
      expect(ids(descending.body.payload)).toEqual(expectedIds(-1));
    },
  );

  it("searches name, email and phone number case-insensitively, and identifier as typed", async () => {
    const [contact] = simulator.contacts.filter((candidate) => candidate.identifier !== null);
    const byName = await list(`?q=${encodeURIComponent(contact?.name.toUpperCase() ?? "")}`);
    expect(ids(byName.body.payload)).toContain(contact?.id);
    const byIdentifier = await list(`?q=${contact?.identifier}`);
    expect(ids(byIdentifier.body.payload)).toEqual([contact?.id]);
    const wrongCase = await list(`?q=${contact?.identifier?.toUpperCase()}`);
    expect(ids(wrongCase.body.payload)).not.toContain(contact?.id);
    const nothing = await list("?q=no-such-contact-anywhere");
    expect(nothing.body).toEqual({ meta: { count: 0, current_page: 1 }, payload: [] });
  });

  it("answers a search's meta with has_more when told to (the newer upstream search route)", async () => {
    const searching = createSimulator({ seed: 7, contacts: 40, searchMeta: "has_more" });
    const first = await call(searching.fetch, "GET", `${CONTACTS}?q=@&page=1`);
    const last = await call(searching.fetch, "GET", `${CONTACTS}?q=@&page=3`);
    expect(first.body.meta).toEqual({ count: 15, current_page: "1", has_more: true });
    expect(last.body.meta).toEqual({ count: 10, current_page: "3", has_more: false });
  });

  it("refuses what the spec forbids with 422 and an upstream-shaped body", async () => {
    const answer = await list("?sort=company_name&page=0");
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      message: expect.stringMatching(/query parameter page must be >= 1.*query parameter sort/),
      attributes: ["page", "sort"],
    });
  });
});

describe("contacts", () => {
  it("creates a contact in an inbox, linked with a source_id, and lists it", async () => {
    const simulator = createSimulator({ contacts: 2 });
    const created = await call(simulator.fetch, "POST", CONTACTS, {
      inbox_id: "407",
      name: "Alice",
      email: "Alice@Acme.inc",
    });
    expect(created.status).toBe(200);
    const { contact, contact_inbox } = created.body.payload;
    expect(contact).toMatchObject({ id: 3, name: "Alice", email: "alice@acme.inc", phone_number: null });
    expect(contact).not.toHaveProperty("last_activity_at");
    expect(contact_inbox).toEqual({ inbox: simulator.inboxes[0], source_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const listed = await call(simulator.fetch, "GET", `${CONTACTS}?q=alice`);
    expect(listed.body.payload).toEqual([{ ...contact, contact_inboxes: [contact_inbox] }]);
  });

  it("refuses an unknown inbox, a body the spec forbids, a taken email, and bodies that are not JSON", async () => {
    const simulator = createSimulator({ contacts: 1 });
    const taken = simulator.contacts[0]?.email;
    const answers = await Promise.all([
      call(simulator.fetch, "POST", CONTACTS, { inbox_id: 1 }),
      call(simulator.fetch, "POST", CONTACTS, { name: "no inbox" }),
      call(simulator.fetch, "POST", CONTACTS, { inbox_id: 407, email: taken?.toUpperCase() }),
    ]);
    expect(answers.map(({ status, body }) => [status, body])).toEqual([
      [422, { message: "Inbox 1 could not be found", attributes: ["inbox_id"] }],
      [422, { message: "body must have required property 'inbox_id'", attributes: ["inbox_id"] }],
      [422, { message: "Email has already been taken", attributes: ["email"] }],
    ]);
    const notJson = await simulator.fetch("https://x/api/v2/accounts/contacts", {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: "{inbox_id: 407",
    });
    expect(notJson.status).toBe(422);
    expect(await notJson.json()).toEqual({ error: expect.stringMatching(/^The request body is not valid JSON/) });
    const form = await simulator.fetch("https://x/api/v2/accounts/contacts", {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/x-www-form-urlencoded" },
      body: "inbox_id=407",
    });
    expect(form.status).toBe(415);
  });

  it("updates a contact, merging custom_attributes and additional_attributes", async () => {
    const simulator = createSimulator({
      contacts: [{ name: "Bob", custom_attributes: { plan: "pro" }, additional_attributes: { city: "Oslo" } }],
    });
    const livedesk = clientFor(simulator.fetch);
    const answer = await livedesk.contacts.update(1, {
      name: "Robert",
      custom_attributes: { vip_level: "platinum" },
      additional_attributes: { country: "Norway" },
      created_at: 1, // server-managed: accepted, ignored
    });
    expect(answer).toMatchObject({ payload: { id: 1, name: "Robert" } });
    expect(simulator.contacts[0]).toMatchObject({
      name: "Robert",
      custom_attributes: { plan: "pro", vip_level: "platinum" },
      additional_attributes: { city: "Oslo", country: "Norway" },
      created_at: Date.UTC(2026, 0, 1) / 1000,
    });
    const missing = await call(simulator.fetch, "PATCH", `${CONTACTS}/99`, { name: "x" });
    expect([missing.status, missing.body]).toEqual([404, documentedErrorBody("PATCH", `${CONTACTS}/{id}`, 404)]);
  });

  it("gives contacts labels, which LiveDesk has no API for", async () => {
    const simulator = createSimulator({ contacts: [{ name: "A" }, { name: "B", labels: ["VIP "] }] });
    simulator.setLabels(1, ["lead,vip"]);
    expect(simulator.contacts.map((contact) => contact.labels)).toEqual([["lead", "vip"], ["vip"]]);
    const answer = await call(simulator.fetch, "GET", `${CONTACTS}?labels=lead`);
    expect(ids(answer.body.payload)).toEqual([1]);
    expect(() => simulator.setLabels(9, [])).toThrow(/no contact has the id 9/);
  });
});

describe("conversations and messages", () => {
  it("creates a conversation by contact_id or by source_id, with an id and the webhook's shape", async () => {
    const simulator = createSimulator({ contacts: 1 });
    const livedesk = clientFor(simulator.fetch);
    const [contact] = simulator.contacts;
    const byContact = await livedesk.conversations.create({ inbox_id: 407, contact_id: 1 });
    expect(byContact).toMatchObject({
      id: 2,
      inbox_id: 407,
      status: "open",
      snoozed_until: null,
      messages: [],
      meta: { sender: { id: 1, name: contact?.name, type: "contact" } },
      contact_inbox: { contact_id: 1, inbox_id: 407, source_id: contact?.contact_inboxes[0]?.source_id },
    });
    const bySource = await livedesk.conversations.create({
      inbox_id: 407,
      source_id: contact?.contact_inboxes[0]?.source_id ?? "",
    });
    expect(bySource).toMatchObject({ id: 3, meta: { sender: { id: 1 } } });
    const unknown = await call(simulator.fetch, "POST", "/api/v2/accounts/conversations", {
      inbox_id: 407,
      source_id: "nobody",
    });
    expect(unknown).toMatchObject({ status: 422, body: { attributes: ["source_id"] } });
  });

  it("keeps messages on their conversation; an unknown conversation is a 404", async () => {
    const simulator = createSimulator({ contacts: 1 });
    const livedesk = clientFor(simulator.fetch);
    const { id } = (await livedesk.conversations.create({ inbox_id: 407, contact_id: 1 })) as { id: number };
    const first = await livedesk.messages.send(id, { content: "Hello", content_attributes: { in_reply_to: 9 } });
    const second = await livedesk.messages.send(id, { content: "Note", private: true });
    expect(first).toEqual({
      id: 3,
      content: "Hello",
      inbox_id: 407,
      conversation_id: id,
      message_type: 1,
      content_type: "text",
      status: "sent",
      content_attributes: { in_reply_to: 9 },
      created_at: Date.UTC(2026, 0, 1) / 1000 + 2,
      private: false,
      source_id: null,
      sorting_id: 1,
      sender: { id: 1 },
    });
    expect(second).toMatchObject({ private: true, sorting_id: 2 });
    expect(simulator.conversations[0]?.messages).toEqual([first, second]);
    const missing = await call(simulator.fetch, "POST", "/api/v2/accounts/conversations/1/messages", { content: "x" });
    expect(missing.status).toBe(404);
  });

  it("refuses an empty message text with 422, as the spec assumes (general-12)", async () => {
    const simulator = createSimulator({ contacts: 1 });
    const { id } = (await clientFor(simulator.fetch).conversations.create({ inbox_id: 407, contact_id: 1 })) as {
      id: number;
    };
    const empty = await call(simulator.fetch, "POST", `/api/v2/accounts/conversations/${id}/messages`, { content: "" });
    expect(empty).toMatchObject({ status: 422, body: { attributes: ["content"] } });
    expect(simulator.conversations[0]?.messages).toEqual([]);
  });

  it("sets statuses; snoozed_until counts only with snoozed, and the snooze ends on time", async () => {
    let now = new Date("2026-03-01T10:00:00Z");
    const simulator = createSimulator({ contacts: 1, now: () => now });
    const livedesk = clientFor(simulator.fetch);
    const { id } = (await livedesk.conversations.create({ inbox_id: 407, contact_id: 1 })) as { id: number };
    const until = now.getTime() / 1000 + 3600;
    await expect(livedesk.conversations.updateStatus(id, { status: "snoozed", snoozed_until: until })).resolves.toEqual(
      {
        meta: {},
        payload: { success: true, current_status: "snoozed", conversation_id: id },
      },
    );
    expect(simulator.conversations[0]).toMatchObject({ status: "snoozed", snoozed_until: until });
    now = new Date("2026-03-01T11:00:00Z");
    expect(simulator.conversations[0]).toMatchObject({ status: "open", snoozed_until: null });
    // The page's own example sends snoozed_until with resolved, where it has no effect.
    await call(simulator.fetch, "POST", `/api/v2/accounts/conversations/${id}/toggle_status`, {
      status: "resolved",
      snoozed_until: until,
    });
    expect(simulator.conversations[0]).toMatchObject({ status: "resolved", snoozed_until: null });
    await livedesk.conversations.updateStatus(id, { status: "snoozed" });
    now = new Date("2030-01-01T00:00:00Z");
    expect(simulator.conversations[0]).toMatchObject({ status: "snoozed", snoozed_until: null });
    const missing = await call(simulator.fetch, "POST", "/api/v2/accounts/conversations/999/toggle_status", {
      status: "open",
    });
    expect(missing.status).toBe(404);
  });

  it("delivers conversation_created to the webhook URL", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const simulator = createSimulator({ contacts: 1, webhookUrl: receiver.url });
      const created = await clientFor(simulator.fetch).conversations.create({ inbox_id: 407, contact_id: 1 });
      const delivery = await receiver.next();
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(delivery.body).toEqual({ ...created, event: "conversation_created" });
      await simulator.webhooks.settled();
      expect(simulator.webhooks.deliveries).toEqual([
        { event: "conversation_created", url: receiver.url, payload: delivery.body, status: 200 },
      ]);
    } finally {
      receiver.close();
    }
  });
});

describe("tickets", () => {
  it("creates, gets and updates a ticket in the {code, message, data} envelope", async () => {
    const simulator = createSimulator({ contacts: 0 });
    const livedesk = clientFor(simulator.fetch);
    const created = await livedesk.tickets.create({
      title: "Printer jam",
      priority: "high",
      assignment_team: "IT Support",
      requester: { euid: "contact_1", channel_contacts: { followers: [{ id: "u_1", name: "Zhang San" }] } },
    });
    expect(created).toEqual({ ticket_id: expect.stringMatching(/^tk_20260101_[0-9a-f]{6}$/) });
    const ticketId = String(created?.ticket_id);
    await expect(livedesk.tickets.get(ticketId)).resolves.toEqual({
      ticket_id: ticketId,
      title: "Printer jam",
      description: "",
      attachments: [],
      status: "open",
      priority: "high",
      requester: { euid: "contact_1", channel_contacts: { followers: ["u_1"] } },
      assignment_team: { id: 1, name: "IT Support" },
      custom_fields: {},
      conversation_list: [],
      status_changes: [],
    });
    await livedesk.tickets.update(ticketId, { title: "Printer fixed", description: "Replaced.", tags: ["hardware"] });
    await expect(livedesk.tickets.get(ticketId)).resolves.toMatchObject({
      title: "Printer fixed",
      description: "Replaced.",
      priority: "high",
      tags: ["hardware"],
    });
    const missing = await call(simulator.fetch, "GET", "/api/v2/accounts/tickets/tk_nope");
    expect([missing.status, missing.body]).toEqual([
      404,
      documentedErrorBody("GET", "/api/v2/accounts/tickets/{ticket_id}", 404),
    ]);
  });
});

describe("determinism", () => {
  it("makes the same contacts, ids and timestamps from the same seed, others from another seed", async () => {
    const run = async (seed: number) => {
      const simulator = createSimulator({ seed, contacts: 30 });
      const livedesk = clientFor(simulator.fetch);
      const { payload } = await livedesk.contacts.create({ inbox_id: 407, name: "Same" });
      const conversation = await livedesk.conversations.create({ inbox_id: 407, contact_id: payload.contact.id });
      return { contacts: simulator.contacts, conversation };
    };
    const [one, again, other] = await Promise.all([run(1), run(1), run(2)]);
    expect(again).toEqual(one);
    expect(other.contacts.map((contact) => contact.email)).not.toEqual(one.contacts.map((contact) => contact.email));
  });

  it("reset() brings back the seeded state and clears everything else", async () => {
    const simulator = createSimulator({ seed: 5, contacts: 10 });
    const seeded = structuredClone(simulator.contacts);
    const livedesk = clientFor(simulator.fetch);
    await livedesk.contacts.create({ inbox_id: 407, name: "Temp" });
    await livedesk.contacts.update(1, { name: "Changed" });
    simulator.faults.add({ type: "hang", times: "always", operation: "getTicket" });
    simulator.reset();
    expect(simulator.contacts).toEqual(seeded);
    expect([simulator.requests, simulator.conversations, simulator.faults.pending]).toEqual([[], [], []]);
    expect(simulator.now()).toEqual(new Date("2026-01-01T00:00:00Z"));
  });

  it("says what is wrong with its options", () => {
    expect(() => createSimulator({ seed: 1.5 })).toThrow("createSimulator: seed must be a whole number, got 1.5.");
    expect(() => createSimulator({ contacts: -1 })).toThrow(/contacts must be how many contacts to generate/);
    expect(() => createSimulator({ apiSecret: "" })).toThrow("createSimulator: apiSecret must be a non-empty string.");
    expect(() => createSimulator({ sortDirection: "up" as "prefix" })).toThrow(/sortDirection must be/);
    expect(() => createSimulator({ webhookUrl: "not a url" })).toThrow(/webhookUrl must be an absolute URL/);
  });
});

describe("routes", () => {
  it("answers 404 for a path the spec does not have and 405 for a method it does not allow", async () => {
    const simulator = createSimulator({ contacts: 0 });
    const unknown = await call(simulator.fetch, "GET", "/api/v2/accounts/inboxes");
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: "No LiveDesk operation at GET /api/v2/accounts/inboxes" },
    });
    const wrongMethod = await call(simulator.fetch, "DELETE", `${CONTACTS}/1`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("PATCH");
  });
});

describe("faults on demand", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers the next N matching requests with a status and Retry-After, then normally", async () => {
    const simulator = createSimulator({ contacts: 1 });
    simulator.faults.add({ type: "status", status: 429, retryAfter: 2, times: 2, operation: "listContacts" });
    const ticket = await call(simulator.fetch, "GET", "/api/v2/accounts/tickets/tk_1");
    const answers = await Promise.all([1, 2, 3].map(() => call(simulator.fetch, "GET", CONTACTS)));
    expect(ticket.status).toBe(404);
    expect(answers.map(({ status, headers }) => [status, headers.get("retry-after")])).toEqual([
      [429, "2"],
      [429, "2"],
      [200, null],
    ]);
    expect(answers[0]?.body).toEqual({ error: "Too many requests: retry later" });
    expect(simulator.requests.map((request) => request.fault)).toEqual([undefined, "status", "status", undefined]);
  });

  it("resets the connection like undici: fetch rejects with a TypeError caused by ECONNRESET", async () => {
    const simulator = createSimulator({ contacts: 1 });
    simulator.faults.add({ type: "reset", method: "get" });
    const failure = await simulator
      .fetch(`https://livedesk-api.engagelab.com${CONTACTS}`, { headers: AUTH })
      .catch((error) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure.cause).toMatchObject({ code: "ECONNRESET" });
    expect(simulator.requests).toMatchObject([{ status: undefined, fault: "reset" }]);
  });

  it("hangs until the request is aborted", async () => {
    const simulator = createSimulator({ contacts: 1 });
    simulator.faults.add({ type: "hang" });
    const controller = new AbortController();
    const pending = simulator.fetch(`https://x${CONTACTS}`, { headers: AUTH, signal: controller.signal });
    const reason = new Error("gave up");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("delays answers by the latency asked for", async () => {
    vi.useFakeTimers();
    const simulator = createSimulator({ contacts: 1 });
    simulator.faults.add({ type: "latency", delayMs: 250, times: "always" });
    let answered = false;
    const pending = simulator.fetch(`https://x${CONTACTS}`, { headers: AUTH }).then((response) => {
      answered = true;
      return response.status;
    });
    await vi.advanceTimersByTimeAsync(249);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toBe(200);
    expect(simulator.faults.pending).toEqual([
      { rule: { type: "latency", delayMs: 250, times: "always" }, remaining: "always" },
    ]);
  });

  it("rejects faults it cannot apply", () => {
    const { faults } = createSimulator({ contacts: 0 });
    expect(() => faults.add({ type: "status", status: 200 })).toThrow(/status must be an HTTP error status/);
    expect(() => faults.add({ type: "reset", times: 0 })).toThrow(/times must be a whole number of 1 or more/);
    expect(() => faults.add({ type: "explode" } as never)).toThrow(/type must be one of status, reset, hang, latency/);
  });
});

function normalise(value: unknown): string | number {
  return typeof value === "string" ? value.toLowerCase() : (value as number);
}
