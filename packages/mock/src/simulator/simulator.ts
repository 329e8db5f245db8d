import { type Context, Hono } from "hono";
import { type FaultRule, Faults, type ReplacingFault, type SimulatorFaults, statusFaultAnswer } from "./faults.js";
import {
  type Answer,
  authenticated,
  checkBody,
  checkParameters,
  connectionReset,
  json,
  Refusal,
  readBody,
  refuse,
  sleep,
} from "./http-rules.js";
import { listContacts, normaliseLabels, PAGE_SIZE } from "./listing.js";
import { checkOptions, type SimulatedInbox, type SimulatorOptions } from "./options.js";
import { type ContactFixture, derived, derivedUuid, generateContacts } from "./seed.js";
import { type OperationId, type OperationRules, operationRules } from "./spec.js";

/** A contact as the simulator keeps it: the wire fields, plus its labels and inbox links. */
export interface SimulatedContact {
  id: number;
  name: string;
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  thumbnail: string;
  availability_status: string;
  blocked: boolean;
  additional_attributes: Record<string, unknown>;
  custom_attributes: Record<string, unknown>;
  created_at: number;
  last_activity_at?: number;
  labels: string[];
  contact_inboxes: SimulatedContactInbox[];
}

/** The link between a contact and an inbox; `source_id` identifies the contact there. */
export interface SimulatedContactInbox {
  id: number;
  contact_id: number;
  inbox_id: number;
  source_id: string;
  pubsub_token: string;
  /** Unix milliseconds. */
  created_at_ms: number;
}

export interface SimulatedConversation {
  id: number;
  inbox_id: number;
  contact_id: number;
  contact_inbox: SimulatedContactInbox;
  status: string;
  snoozed_until: number | null;
  /** The messages sent to it, as Send Message answered them. */
  messages: Record<string, unknown>[];
  created_at: number;
  /** Unix seconds with a fractional part, as the webhook sends them. */
  updated_at: number;
  last_activity_at: number;
}

/** A request as the simulator saw it. Headers are not kept: they carry the credentials. */
export interface LoggedRequest {
  method: string;
  path: string;
  /** The query string as sent, e.g. `?labels=vip,premium`, or `""`. */
  query: string;
  /** The spec's operation, when the request matched one. */
  operation: OperationId | undefined;
  /** The parsed JSON body, if any. */
  body: unknown;
  /** The status answered; undefined when a fault reset the connection or the request hung. */
  status: number | undefined;
  /** The fault that replaced the answer, if any. */
  fault?: Exclude<FaultRule["type"], "latency">;
}

export interface WebhookDelivery {
  event: "conversation_created";
  url: string;
  payload: Record<string, unknown>;
  /** The receiver's HTTP status, once it answered. */
  status?: number;
  /** Why the delivery failed, if it did. */
  error?: string;
}

export interface Simulator {
  /**
   * Answers like `fetch`, whatever the origin (`https://livedesk-api.engagelab.com/api/v2/…` as well as
   * `http://localhost/api/v2/…`): pass it as the client's `fetch`. A `reset` fault rejects with the `TypeError` that
   * undici throws; a `hang` fault waits until the request's signal aborts and rejects with its reason.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /**
   * Answers one `Request`, for request handlers (MSW, servers). A `reset` fault answers `Response.error()`, the
   * web's network error.
   */
  handle(request: Request): Promise<Response>;
  /** Back to the seeded state: contacts, conversations, tickets, request log, faults, webhooks and clock. */
  reset(): void;
  /** Gives a contact these labels, replacing its others (LiveDesk documents no labels API). */
  setLabels(contactId: number, labels: string[]): void;
  /** Every request so far, oldest first. */
  readonly requests: readonly LoggedRequest[];
  readonly contacts: readonly SimulatedContact[];
  readonly conversations: readonly SimulatedConversation[];
  /** Tickets as Get Ticket returns them in `data`. */
  readonly tickets: readonly Record<string, unknown>[];
  readonly inboxes: readonly SimulatedInbox[];
  /** Faults on demand: `simulator.faults.add({ type: "status", status: 429, retryAfter: 1, times: 2 })`. */
  readonly faults: SimulatorFaults;
  /** Deliveries of `conversation_created` to `webhookUrl`, and a way to wait until all were answered. */
  readonly webhooks: { readonly deliveries: readonly WebhookDelivery[]; settled(): Promise<void> };
  /** The simulator's clock. */
  now(): Date;
}

/** What the HTTP server of this package needs beyond the public interface. */
export interface SimulatorInternals {
  /** The faults for one request (none without a URL to match); a request whose answer a fault replaces is logged. */
  takeFaults(method: string, url: () => URL): { delayMs: number; effect?: ReplacingFault };
  /** Answers a request without applying faults. */
  answer(request: Request): Promise<Response>;
}

export const simulatorInternals = new WeakMap<Simulator, SimulatorInternals>();

/**
 * Set by the HTTP front on what it passes on: the query string as the client sent it, since Prism's proxy re-encodes
 * it (`labels=a,b` arrives as `labels=a%2Cb`), and the request log shows the client's wire.
 */
export const SENT_QUERY_HEADER = "x-livedesk-mock-sent-query";

const SIMULATED_START = Date.UTC(2026, 0, 1);

type Body = Record<string, unknown>;

interface Call {
  /** A query parameter; like Rack, only the last of repeated values counts. */
  query(name: string): string | undefined;
  /** Every value of a query parameter (for upstream's `labels[]` form). */
  queryAll(name: string): string[] | undefined;
  path(name: string): string;
  body: Body;
}

/**
 * An error answer with the body of the spec's example for it (LiveDesk documents no error body; the spec's examples
 * say where theirs come from), so that the simulator and the spec tell a user the same.
 */
function documentedError(rule: OperationRules, status: number): Answer {
  if (!rule.errorBodies.has(status)) {
    throw new Error(`The spec has no example body for ${status} of ${rule.id}, which the simulator answers.`);
  }
  return [status, rule.errorBodies.get(status)];
}

/**
 * A stateful simulator of the LiveDesk API: every operation of the bundled spec, with the documented behaviour, and
 * upstream Chatwoot's where LiveDesk's pages are silent, as one web-standard `Request → Response` handler.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const settings = checkOptions(options);
  const rules = operationRules();
  const credentials = `${settings.apiKey}:${settings.apiSecret}`;
  const faults = new Faults();
  const inboxes = new Map(settings.inboxes.map((inbox) => [inbox.id, inbox]));

  let virtualMs = SIMULATED_START;
  const clock = settings.now ?? (() => new Date(virtualMs));
  const nowMs = () => clock().getTime();
  const nowSeconds = () => Math.floor(nowMs() / 1000);

  // The state, rebuilt by reset(). Contacts, conversations and messages share one id sequence, so that an id of one
  // kind sent where another kind is expected is never found.
  let sequence = 0;
  let linkSequence = 0;
  let contacts: SimulatedContact[] = [];
  let contactsById = new Map<number, SimulatedContact>();
  let linksBySource = new Map<string, SimulatedContactInbox>();
  let conversations = new Map<number, SimulatedConversation>();
  let tickets = new Map<string, Body>();
  let teams = new Map<string, number>();
  let requests: LoggedRequest[] = [];
  let deliveries: WebhookDelivery[] = [];
  const pendingDeliveries = new Set<Promise<void>>();

  const nextId = () => {
    sequence += 1;
    return sequence;
  };

  function reset(): void {
    virtualMs = SIMULATED_START;
    sequence = 0;
    linkSequence = 0;
    contacts = [];
    contactsById = new Map();
    linksBySource = new Map();
    conversations = new Map();
    tickets = new Map();
    teams = new Map();
    requests = [];
    deliveries = [];
    faults.clear();
    const fixtures =
      typeof settings.contacts === "number"
        ? generateContacts(settings.contacts, settings.seed, nowSeconds())
        : settings.contacts;
    const [firstInbox] = settings.inboxes;
    for (const fixture of fixtures) {
      const contact = addContact(fixture);
      if (firstInbox) {
        linkInbox(contact, firstInbox.id);
      }
    }
  }

  function addContact(fixture: ContactFixture): SimulatedContact {
    const id = fixture.id ?? nextId();
    if (contactsById.has(id)) {
      throw new RangeError(`Two contacts have the id ${id}.`);
    }
    sequence = Math.max(sequence, id);
    const contact: SimulatedContact = {
      id,
      name: fixture.name ?? "",
      email: fixture.email?.toLowerCase() ?? null,
      phone_number: fixture.phone_number ?? null,
      identifier: fixture.identifier ?? null,
      thumbnail: "",
      availability_status: fixture.availability_status ?? "offline",
      blocked: fixture.blocked ?? false,
      additional_attributes: { ...fixture.additional_attributes },
      custom_attributes: { ...fixture.custom_attributes },
      created_at: fixture.created_at ?? nowSeconds(),
      ...(fixture.last_activity_at !== undefined && { last_activity_at: fixture.last_activity_at }),
      labels: normaliseLabels(fixture.labels ?? []),
      contact_inboxes: [],
    };
    contacts.push(contact);
    contactsById.set(id, contact);
    return contact;
  }

  function linkInbox(contact: SimulatedContact, inboxId: number, sourceId?: string): SimulatedContactInbox {
    linkSequence += 1;
    const link: SimulatedContactInbox = {
      id: linkSequence,
      contact_id: contact.id,
      inbox_id: inboxId,
      source_id: sourceId ?? derivedUuid(settings.seed, "source_id", linkSequence),
      pubsub_token: derived(settings.seed, "pubsub_token", linkSequence).slice(0, 24),
      created_at_ms: nowMs(),
    };
    contact.contact_inboxes.push(link);
    linksBySource.set(link.source_id, link);
    return link;
  }

  function findConversation(rawId: string): SimulatedConversation {
    return conversations.get(Number(rawId)) ?? refuse(404);
  }

  function knownInbox(body: Body): number {
    const inboxId = Number(body.inbox_id);
    if (!inboxes.has(inboxId)) {
      refuse(422, { message: `Inbox ${inboxId} could not be found`, attributes: ["inbox_id"] });
    }
    return inboxId;
  }

  function reopenExpiredSnoozes(): void {
    const now = nowSeconds();
    for (const conversation of conversations.values()) {
      // The user guide: a snoozed conversation opens again when its snooze time is up.
      if (
        conversation.status === "snoozed" &&
        conversation.snoozed_until !== null &&
        conversation.snoozed_until <= now
      ) {
        conversation.status = "open";
        conversation.snoozed_until = null;
      }
    }
  }

  /** Upstream keeps email (case-insensitively) and identifier unique within an account. */
  function checkUnique(contact: SimulatedContact | undefined, fields: ContactFixture): void {
    const taken = new Set<string>();
    for (const other of contacts) {
      if (other !== contact && fields.email && other.email === fields.email) {
        taken.add("email");
      }
      if (other !== contact && fields.identifier && other.identifier === fields.identifier) {
        taken.add("identifier");
      }
    }
    if (taken.size > 0) {
      const attributes = [...taken];
      const names = { email: "Email", identifier: "Identifier" } as Record<string, string>;
      refuse(422, {
        message: attributes.map((name) => `${names[name]} has already been taken`).join(", "),
        attributes,
      });
    }
  }

  function renderContact(contact: SimulatedContact, withInboxes: boolean): Body {
    const { labels, contact_inboxes, last_activity_at, ...fields } = contact;
    return {
      ...fields,
      additional_attributes: { ...fields.additional_attributes },
      custom_attributes: { ...fields.custom_attributes },
      ...(last_activity_at !== undefined && { last_activity_at }),
      ...(withInboxes && {
        contact_inboxes: contact_inboxes.map((link) => ({
          source_id: link.source_id,
          inbox: inboxes.get(link.inbox_id),
        })),
      }),
    };
  }

  /** A conversation, shaped like the `conversation_created` payload (the fullest conversation LiveDesk shows). */
  function renderConversation(conversation: SimulatedConversation): Body {
    const contact = contactsById.get(conversation.contact_id) as SimulatedContact;
    const channel = inboxes.get(conversation.inbox_id)?.channel_type ?? "Channel::Api";
    const link = conversation.contact_inbox;
    const linkedAt = new Date(link.created_at_ms).toISOString();
    return {
      account: settings.account,
      additional_attributes: {},
      can_reply: true,
      channel,
      contact_inbox: {
        id: link.id,
        contact_id: link.contact_id,
        inbox_id: link.inbox_id,
        source_id: link.source_id,
        created_at: linkedAt,
        updated_at: linkedAt,
        hmac_verified: false,
        pubsub_token: link.pubsub_token,
      },
      id: conversation.id,
      inbox_id: conversation.inbox_id,
      messages: conversation.messages,
      labels: [],
      meta: {
        sender: {
          additional_attributes: { ...contact.additional_attributes },
          availability_status: contact.availability_status,
          custom_attributes: { ...contact.custom_attributes },
          email: contact.email,
          id: contact.id,
          identifier: contact.identifier,
          name: contact.name,
          phone_number: contact.phone_number,
          thumbnail: contact.thumbnail,
          blocked: contact.blocked,
          type: "contact",
        },
        assignee: null,
        team: null,
        hmac_verified: false,
        channel,
      },
      status: conversation.status,
      custom_attributes: {},
      snoozed_until: conversation.snoozed_until,
      unread_count: 0,
      first_reply_created_at: null,
      priority: null,
      waiting_since: conversation.created_at,
      conversation_category: "chat",
      chat_mode: "private_chat",
      ticket_info: null,
      agent_last_seen_at: 0,
      contact_last_seen_at: 0,
      last_activity_at: conversation.last_activity_at,
      timestamp: conversation.last_activity_at,
      created_at: conversation.created_at,
      updated_at: conversation.updated_at,
    };
  }

  function deliverWebhook(payload: Body): void {
    const url = settings.webhookUrl;
    if (url === undefined) {
      return;
    }
    const delivery: WebhookDelivery = { event: "conversation_created", url, payload };
    deliveries.push(delivery);
    const init = {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    };
    const sent: Promise<void> = settings.webhookFetch(url, init).then(
      async (response) => {
        delivery.status = response.status;
        await response.body?.cancel();
      },
      (error: unknown) => {
        delivery.error = error instanceof Error ? error.message : String(error);
      },
    );
    pendingDeliveries.add(sent);
    void sent.finally(() => pendingDeliveries.delete(sent));
  }

  function team(name: string): { id: number; name: string } {
    const id = teams.get(name) ?? teams.size + 1;
    teams.set(name, id);
    return { id, name };
  }

  const handlers: Record<OperationId, (call: Call) => Answer> = {
    listContacts({ query, queryAll }) {
      const q = query("q");
      const listed = listContacts(
        contacts,
        {
          q,
          labels: queryAll("labels[]") ?? query("labels")?.split(","),
          sort: query("sort"),
          direction: query("direction"),
        },
        settings.sortDirection,
      );
      const rawPage = query("page");
      const page = rawPage === undefined ? 1 : Number(rawPage);
      const onPage = listed.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const withInboxes = query("include_contact_inboxes") !== "false";
      // Upstream echoes the raw `page` value: the string "2" when it was sent, the integer 1 when not.
      const meta: Body = { count: listed.length, current_page: rawPage ?? 1 };
      if (q !== undefined && settings.searchMeta === "has_more") {
        meta.count = onPage.length;
        meta.has_more = listed.length > page * PAGE_SIZE;
      }
      return [200, { meta, payload: onPage.map((contact) => renderContact(contact, withInboxes)) }];
    },

    createContact({ body }) {
      const inboxId = knownInbox(body);
      const fields = contactFields(body);
      checkUnique(undefined, fields);
      const contact = addContact(fields);
      // Upstream links the contact to the inbox; the link's source_id identifies it there.
      const link = linkInbox(contact, inboxId, typeof body.source_id === "string" ? body.source_id : undefined);
      const contactInbox = { inbox: inboxes.get(inboxId), source_id: link.source_id };
      return [200, { payload: { contact: renderContact(contact, false), contact_inbox: contactInbox } }];
    },

    updateContact({ path, body }) {
      const contact = contactsById.get(Number(path("id"))) ?? refuse(404);
      const { additional_attributes, custom_attributes, ...fields } = contactFields(body);
      checkUnique(contact, fields);
      Object.assign(contact, fields);
      // Documented for custom_attributes (upstream for both): merged into the stored ones, not replaced.
      Object.assign(contact.additional_attributes, additional_attributes);
      Object.assign(contact.custom_attributes, custom_attributes);
      return [200, { payload: renderContact(contact, true) }];
    },

    createConversation({ body }) {
      const inboxId = knownInbox(body);
      const sourceId = typeof body.source_id === "string" ? body.source_id : undefined;
      let link: SimulatedContactInbox;
      if (body.contact_id !== undefined) {
        const contact =
          contactsById.get(Number(body.contact_id)) ??
          refuse(422, { message: `Contact ${String(body.contact_id)} could not be found`, attributes: ["contact_id"] });
        // Upstream finds the contact's link to the inbox, or makes one (with source_id, when given).
        link =
          contact.contact_inboxes.find((candidate) => candidate.inbox_id === inboxId) ??
          linkInbox(contact, inboxId, sourceId);
      } else {
        link =
          linksBySource.get(sourceId ?? "") ??
          refuse(422, { message: `No contact has the source_id ${sourceId}`, attributes: ["source_id"] });
      }
      const now = nowMs();
      const conversation: SimulatedConversation = {
        id: nextId(),
        inbox_id: link.inbox_id,
        contact_id: link.contact_id,
        contact_inbox: link,
        status: "open",
        snoozed_until: null,
        messages: [],
        created_at: Math.floor(now / 1000),
        updated_at: now / 1000,
        last_activity_at: Math.floor(now / 1000),
      };
      conversations.set(conversation.id, conversation);
      const rendered = renderConversation(conversation);
      deliverWebhook({ ...rendered, event: "conversation_created" });
      return [200, rendered];
    },

    updateConversationStatus({ path, body }) {
      const conversation = findConversation(path("conversation_id"));
      conversation.status = String(body.status);
      // Documented: snoozed_until takes effect only with `snoozed`; without it the snooze has no end.
      conversation.snoozed_until =
        body.status === "snoozed" && typeof body.snoozed_until === "number" ? body.snoozed_until : null;
      conversation.updated_at = nowMs() / 1000;
      // Upstream's answer; LiveDesk documents none.
      const payload = { success: true, current_status: conversation.status, conversation_id: conversation.id };
      return [200, { meta: {}, payload }];
    },

    sendMessage({ path, body }) {
      const conversation = findConversation(path("conversation_id"));
      const createdAt = nowSeconds();
      const message = {
        id: nextId(),
        content: body.content,
        inbox_id: conversation.inbox_id,
        conversation_id: conversation.id,
        // Upstream: 1 is outgoing, which a message sent through the API is.
        message_type: 1,
        content_type: "text",
        status: "sent",
        content_attributes: { ...(body.content_attributes as Body | undefined) },
        created_at: createdAt,
        private: body.private === true,
        source_id: null,
        sorting_id: conversation.messages.length + 1,
        sender: { id: 1 },
      };
      conversation.messages.push(message);
      conversation.last_activity_at = createdAt;
      conversation.updated_at = nowMs() / 1000;
      return [200, message];
    },

    createTicket({ body }) {
      const day = clock().toISOString().slice(0, 10).replaceAll("-", "");
      const ticketId = `tk_${day}_${derived(settings.seed, "ticket", nextId()).slice(0, 6)}`;
      tickets.set(ticketId, {
        ticket_id: ticketId,
        title: body.title,
        description: body.description ?? "",
        attachments: body.attachments ?? [],
        status: "open",
        ...pick(body, ["priority", "ticket_type", "submitter"]),
        ...(isRecord(body.requester) && { requester: requesterOf(body.requester) }),
        // Create Ticket sends the team's name; Get Ticket returns {id, name} (ledger row tickets-4).
        ...(typeof body.assignment_team === "string" && { assignment_team: team(body.assignment_team) }),
        custom_fields: { ...(body.custom_fields as Body | undefined) },
        conversation_list: [],
        status_changes: [],
      });
      // The page promises the new ticket's ID; where it sits is not documented (see TicketWriteResponse).
      return [200, { code: 0, message: "Success", data: { ticket_id: ticketId } }];
    },

    getTicket({ path }) {
      const ticket = tickets.get(path("ticket_id")) ?? refuse(404);
      return [200, { code: 0, message: "Success", data: ticket }];
    },

    updateTicket({ path, body }) {
      const ticket = tickets.get(path("ticket_id")) ?? refuse(404);
      // Whether PUT clears the fields left out is not documented: the simulator keeps them.
      Object.assign(ticket, pick(body, ["title", "description", "attachments", "priority", "ticket_type", "tags"]));
      if (isRecord(body.custom_fields)) {
        ticket.custom_fields = { ...body.custom_fields };
      }
      return [200, { code: 0, message: "Success", data: { ticket_id: ticket.ticket_id } }];
    },
  };

  function log(entry: Omit<LoggedRequest, "path" | "query"> & { url: URL }): void {
    const { url, ...rest } = entry;
    requests.push({ path: url.pathname, query: url.search, ...rest });
  }

  async function respond(context: Context, rule: OperationRules): Promise<Response> {
    const request = context.req.raw;
    const url = new URL(request.url);
    if (settings.now === undefined) {
      virtualMs += 1000;
    }
    reopenExpiredSnoozes();
    const lastValue = (name: string) => url.searchParams.getAll(name).at(-1);
    let body: unknown;
    let answer: Answer;
    try {
      if (!authenticated(request.headers.get("authorization"), credentials)) {
        refuse(401);
      }
      checkParameters(rule, (parameter) =>
        parameter.in === "path" ? context.req.param(parameter.name) : lastValue(parameter.name),
      );
      if (rule.body) {
        // Read before it is checked, so that the request log shows what a refused request sent.
        body = await readBody(request, rule);
        checkBody(rule, body);
      }
      answer = handlers[rule.id]({
        query: lastValue,
        queryAll: (name) => {
          const values = url.searchParams.getAll(name);
          return values.length > 0 ? values : undefined;
        },
        path: (name) => context.req.param(name) ?? "",
        body: (body ?? {}) as Body,
      });
    } catch (error) {
      if (!(error instanceof Refusal)) {
        throw error;
      }
      answer = error.answer[1] === undefined ? documentedError(rule, error.answer[0]) : error.answer;
    }
    const query = request.headers.get(SENT_QUERY_HEADER) ?? url.search;
    requests.push({ method: request.method, path: url.pathname, query, operation: rule.id, body, status: answer[0] });
    return json(answer);
  }

  const app = new Hono();
  // Errors reach the caller: a hung request rejects with its abort reason, and a bug is not hidden behind a 500.
  app.onError((error) => {
    throw error;
  });
  for (const rule of rules.values()) {
    app.on(rule.method, rule.path.replace(/\{(\w+)\}/g, ":$1"), (context) => respond(context, rule));
  }
  app.all("*", ({ req }) => {
    const url = new URL(req.url);
    const allowed = [...rules.values()].filter((rule) => rule.pattern.test(url.pathname)).map((rule) => rule.method);
    const answer: Answer =
      allowed.length > 0
        ? [405, { error: `${req.method} is not allowed here` }, { allow: allowed.join(", ") }]
        : [404, { error: `No LiveDesk operation at ${req.method} ${url.pathname}` }];
    log({ method: req.method, url, operation: undefined, body: undefined, status: answer[0] });
    return json(answer);
  });

  function takeFaults(method: string, urlOf: () => URL): { delayMs: number; effect?: ReplacingFault } {
    if (faults.idle) {
      return { delayMs: 0 };
    }
    const url = urlOf();
    const operation = [...rules.values()].find((rule) => rule.method === method && rule.pattern.test(url.pathname))?.id;
    const taken = faults.take(operation, method, url.pathname);
    if (taken.effect) {
      const status = taken.effect.type === "status" ? taken.effect.status : undefined;
      log({ method, url, operation, body: undefined, status, fault: taken.effect.type });
    }
    return taken;
  }

  async function handle(request: Request): Promise<Response> {
    const { delayMs, effect } = takeFaults(request.method, () => new URL(request.url));
    if (delayMs > 0) {
      await sleep(delayMs, request.signal);
    }
    switch (effect?.type) {
      case undefined:
        return app.fetch(request);
      case "status":
        return json(statusFaultAnswer(effect));
      case "reset":
        return Response.error();
      case "hang":
        await sleep(Infinity, request.signal);
        throw request.signal.reason;
    }
  }

  reset();
  const simulator: Simulator = {
    async fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const response = await handle(request);
      if (response.type === "error") {
        throw connectionReset();
      }
      return response;
    },
    handle,
    reset,
    setLabels(contactId, labels) {
      const contact = contactsById.get(contactId);
      if (!contact) {
        throw new RangeError(`setLabels: no contact has the id ${contactId}.`);
      }
      contact.labels = normaliseLabels(labels);
    },
    get requests() {
      return requests;
    },
    get contacts() {
      return contacts;
    },
    get conversations() {
      reopenExpiredSnoozes();
      return [...conversations.values()];
    },
    get tickets() {
      return [...tickets.values()];
    },
    inboxes: settings.inboxes,
    faults,
    webhooks: {
      get deliveries() {
        return deliveries;
      },
      async settled() {
        while (pendingDeliveries.size > 0) {
          await Promise.all(pendingDeliveries);
        }
      },
    },
    now: () => clock(),
  };
  simulatorInternals.set(simulator, { takeFaults, answer: async (request) => app.fetch(request) });
  return simulator;
}

/** The contact fields upstream writes (Chatwoot's permitted params); other fields are accepted and ignored. */
function contactFields(body: Body): ContactFixture {
  const fields: ContactFixture = pick(body, ["name", "phone_number", "identifier", "blocked"]);
  if (typeof body.email === "string" || body.email === null) {
    fields.email = body.email?.toLowerCase() ?? null;
  }
  if (isRecord(body.additional_attributes)) {
    fields.additional_attributes = body.additional_attributes;
  }
  if (isRecord(body.custom_attributes)) {
    fields.custom_attributes = body.custom_attributes;
  }
  return fields;
}

/** Create Ticket sends followers as `{id, name}`; Get Ticket returns their ids as strings (ledger row tickets-5). */
function requesterOf(requester: Body): Body {
  const channel = requester.channel_contacts;
  if (!isRecord(channel) || !Array.isArray(channel.followers)) {
    return { ...requester };
  }
  const followers = channel.followers.map((follower: unknown) => String(isRecord(follower) ? follower.id : follower));
  return { ...requester, channel_contacts: { ...channel, followers } };
}

function pick(body: Body, names: string[]): Body {
  return Object.fromEntries(names.filter((name) => body[name] !== undefined).map((name) => [name, body[name]]));
}

function isRecord(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
