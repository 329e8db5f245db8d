import { answerPlace, LiveDeskArgumentError, LiveDeskResultError, responseDetails } from "./errors.js";
import { checkPathSegment } from "./path-params.js";
import { invalidResponse, type JsonAnswer, jsonBody } from "./responses.js";
import type { ClientContext, components, RequestOptions, WriteRequestOptions } from "./types.js";
import { describe, isRecord, truncate } from "./values.js";

/** A ticket as Get Ticket returns it, unwrapped: `ticket_id` (a prefixed string), title, status and more. */
export type Ticket = components["schemas"]["Ticket"];
/** The body of Create Ticket: `title` is required; description, requester, priority, custom fields are optional. */
export type CreateTicketRequest = components["schemas"]["CreateTicketRequest"];
/** The body of Update Ticket, which replaces the ticket's fields: `title` and `description` are required. */
export type UpdateTicketRequest = components["schemas"]["UpdateTicketRequest"];
/** LiveDesk shows no response for ticket writes: the envelope's `data` when there is one, else the body as sent. */
export type TicketWriteResult = Record<string, unknown> | undefined;

/**
 * The ticket helpers, `livedesk.tickets`. The ticket API wraps answers in a `{code, message, data}` envelope; a
 * non-zero `code` throws `LiveDeskResultError`. Each helper throws a `LiveDeskError` subclass on any failure.
 */
export interface TicketsResource {
  /** Creates a ticket (`POST /api/v2/accounts/tickets`). Not retried unless `idempotent`. */
  create(body: CreateTicketRequest, options?: WriteRequestOptions): Promise<TicketWriteResult>;
  /**
   * A ticket's details (`GET /api/v2/accounts/tickets/{ticket_id}`), unwrapped from the `{code, message, data}`
   * envelope.
   * @param ticketId - The ticket's `ticket_id`, a string such as `"tk_20251104_789abc"`.
   */
  get(ticketId: string, options?: RequestOptions): Promise<Ticket>;
  /**
   * Replaces a ticket's fields (`PUT /api/v2/accounts/tickets/{ticket_id}`); `title` and `description` are required.
   * @param ticketId - The ticket's `ticket_id`, a string such as `"tk_20251104_789abc"`.
   */
  update(ticketId: string, body: UpdateTicketRequest, options?: WriteRequestOptions): Promise<TicketWriteResult>;
}

const TICKETS_PATH = "/api/v2/accounts/tickets";
const TICKET_PATH = "/api/v2/accounts/tickets/{ticket_id}";

export function createTicketsResource({ client }: ClientContext): TicketsResource {
  return {
    async create(body, options = {}) {
      const call = client(options).POST(TICKETS_PATH, { body, parseAs: "text" });
      return writeResult(await jsonBody(call, "POST", TICKETS_PATH, options, true), "POST", TICKETS_PATH);
    },
    async get(ticketId, options = {}) {
      const params = { path: { ticket_id: checkTicketId(ticketId) } };
      const call = client(options).GET(TICKET_PATH, { params, parseAs: "text" });
      const answer = await jsonBody(call, "GET", TICKET_PATH, options);
      const data = unwrap(answer, "GET", TICKET_PATH);
      if (!isRecord(data)) {
        throw invalidResponse(answer.response, answer.text, "GET", TICKET_PATH, "has no ticket in data");
      }
      return data as Ticket;
    },
    async update(ticketId, body, options = {}) {
      const params = { path: { ticket_id: checkTicketId(ticketId) } };
      const call = client(options).PUT(TICKET_PATH, { params, body, parseAs: "text" });
      return writeResult(await jsonBody(call, "PUT", TICKET_PATH, options, true), "PUT", TICKET_PATH);
    },
  };
}

function writeResult(answer: JsonAnswer, method: string, path: string): TicketWriteResult {
  if (answer.body === undefined) {
    return undefined;
  }
  if (!isRecord(answer.body)) {
    throw invalidResponse(answer.response, answer.text, method, path, "is not a JSON object");
  }
  // Unwrap the envelope when the server used it; the write responses are not documented.
  if (!("code" in answer.body)) {
    return answer.body;
  }
  const data = unwrap(answer, method, path);
  return isRecord(data) ? data : undefined;
}

/** The envelope's `data`, after turning a non-zero `code` into an error even when the HTTP status is 2xx. */
function unwrap({ body, response, text }: JsonAnswer, method: string, path: string): unknown {
  if (!isRecord(body) || typeof body.code !== "number") {
    throw invalidResponse(response, text, method, path, "is not the ticket API's {code, message, data} envelope");
  }
  if (body.code !== 0) {
    const resultMessage = typeof body.message === "string" ? truncate(body.message, 300) : undefined;
    const details = responseDetails(response, method, "result", body);
    throw new LiveDeskResultError(
      `LiveDesk refused ${method} ${path} with code ${body.code}${resultMessage ? `: ${resultMessage}` : ""} (${answerPlace(details, path)}).`,
      { ...details, resultCode: body.code, resultMessage },
    );
  }
  return body.data;
}

function checkTicketId(ticketId: unknown): string {
  if (typeof ticketId !== "string") {
    throw new LiveDeskArgumentError(
      "ticketId",
      `expected a ticket id such as "tk_20251104_789abc", got ${describe(ticketId)}.`,
    );
  }
  return checkPathSegment("ticketId", ticketId) as string;
}
