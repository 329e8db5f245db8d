import type { components } from "@livedesk/openapi";
import type { ClientContext, RequestOptions, WriteRequestOptions } from "./client.js";
import { LiveDeskArgumentError, LiveDeskResultError, responseDetails } from "./errors.js";
import { invalidResponse, isRecord, type JsonAnswer, jsonBody } from "./responses.js";

export type Ticket = components["schemas"]["Ticket"];
export type CreateTicketRequest = components["schemas"]["CreateTicketRequest"];
export type UpdateTicketRequest = components["schemas"]["UpdateTicketRequest"];
/** LiveDesk shows no response for ticket writes: the envelope's `data` when there is one, else the body as sent. */
export type TicketWriteResult = Record<string, unknown> | undefined;

export interface TicketsResource {
  /** Creates a ticket (`POST /api/v2/accounts/tickets`). Not retried unless `idempotent`. */
  create(body: CreateTicketRequest, options?: WriteRequestOptions): Promise<TicketWriteResult>;
  /** A ticket's details (`GET /api/v2/accounts/tickets/{ticket_id}`), unwrapped from the `{code, message, data}` envelope. */
  get(ticketId: string, options?: RequestOptions): Promise<Ticket>;
  /** Replaces a ticket's fields (`PUT /api/v2/accounts/tickets/{ticket_id}`); `title` and `description` are required. */
  update(ticketId: string, body: UpdateTicketRequest, options?: WriteRequestOptions): Promise<TicketWriteResult>;
}

const TICKETS_PATH = "/api/v2/accounts/tickets";
const TICKET_PATH = "/api/v2/accounts/tickets/{ticket_id}";

export function createTicketsResource({ client, requestInit }: ClientContext): TicketsResource {
  return {
    async create(body, options = {}) {
      const call = client.POST(TICKETS_PATH, { body, parseAs: "text", ...requestInit(options) });
      return writeResult(await jsonBody(call, "POST", TICKETS_PATH, { allowEmpty: true }), "POST", TICKETS_PATH);
    },
    async get(ticketId, options = {}) {
      const params = { path: { ticket_id: checkTicketId(ticketId) } };
      const answer = await jsonBody(
        client.GET(TICKET_PATH, { params, parseAs: "text", ...requestInit(options) }),
        "GET",
        TICKET_PATH,
      );
      const data = unwrap(answer, "GET", TICKET_PATH);
      if (!isRecord(data)) {
        throw invalidResponse(answer.response, answer.text, "GET", TICKET_PATH, "has no ticket in data");
      }
      return data as Ticket;
    },
    async update(ticketId, body, options = {}) {
      const params = { path: { ticket_id: checkTicketId(ticketId) } };
      const call = client.PUT(TICKET_PATH, { params, body, parseAs: "text", ...requestInit(options) });
      return writeResult(await jsonBody(call, "PUT", TICKET_PATH, { allowEmpty: true }), "PUT", TICKET_PATH);
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
    const resultMessage = typeof body.message === "string" ? body.message : undefined;
    throw new LiveDeskResultError(
      `LiveDesk refused ${method} ${path} with code ${body.code}${resultMessage ? `: ${resultMessage}` : ""} (HTTP ${response.status}).`,
      { ...responseDetails(response, method, "result", body), resultCode: body.code, resultMessage },
    );
  }
  return body.data;
}

function checkTicketId(ticketId: unknown): string {
  if (typeof ticketId !== "string" || ticketId.trim() === "") {
    throw new LiveDeskArgumentError(
      "ticketId",
      `expected a ticket id such as "tk_20251104_789abc", got ${JSON.stringify(ticketId)}.`,
    );
  }
  return ticketId;
}
