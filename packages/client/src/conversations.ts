import type { components } from "@livedesk/openapi";
import type { ClientContext, WriteRequestOptions } from "./client.js";
import { LiveDeskArgumentError } from "./errors.js";
import { checkNumericId } from "./ids.js";
import { isRecord, jsonBody } from "./responses.js";

export type CreateConversationRequest = components["schemas"]["CreateConversationRequest"];
export type CreateConversationResponse = components["schemas"]["CreateConversationResponse"];
export type UpdateConversationStatusRequest = components["schemas"]["UpdateConversationStatusRequest"];
export type ConversationStatus = UpdateConversationStatusRequest["status"];
/** LiveDesk documents no response for Update Conversation Status: whatever JSON the server sends, `undefined` if none. */
export type UpdateConversationStatusResponse = components["schemas"]["UndocumentedBody"] | undefined;

/** The statuses Update Conversation Status accepts. */
export const CONVERSATION_STATUSES = [
  "open",
  "resolved",
  "pending",
  "snoozed",
] as const satisfies readonly ConversationStatus[];

export interface ConversationsResource {
  /**
   * Opens a conversation for a contact in an inbox (`POST /api/v2/accounts/conversations`). Needs `contact_id` or
   * `source_id`; checked before sending. Not retried unless `idempotent`.
   */
  create(body: CreateConversationRequest, options?: WriteRequestOptions): Promise<CreateConversationResponse>;
  /**
   * Sets a conversation's status (`POST …/conversations/{conversation_id}/toggle_status`). `snoozed_until` (Unix
   * seconds) goes only with `status: "snoozed"`; checked before sending. Not retried unless `idempotent`.
   */
  updateStatus(
    conversationId: number | string,
    body: UpdateConversationStatusRequest,
    options?: WriteRequestOptions,
  ): Promise<UpdateConversationStatusResponse>;
}

const CONVERSATIONS_PATH = "/api/v2/accounts/conversations";
const TOGGLE_STATUS_PATH = "/api/v2/accounts/conversations/{conversation_id}/toggle_status";

export function createConversationsResource({ client, requestInit }: ClientContext): ConversationsResource {
  return {
    async create(body, options = {}) {
      checkCreateConversation(body);
      const call = client.POST(CONVERSATIONS_PATH, { body, parseAs: "text", ...requestInit(options) });
      return (await jsonBody(call, "POST", CONVERSATIONS_PATH)).body as CreateConversationResponse;
    },
    async updateStatus(conversationId, body, options = {}) {
      checkStatusChange(body);
      const params = { path: { conversation_id: checkNumericId("conversationId", conversationId) } };
      const call = client.POST(TOGGLE_STATUS_PATH, { params, body, parseAs: "text", ...requestInit(options) });
      return (await jsonBody(call, "POST", TOGGLE_STATUS_PATH, { allowEmpty: true }))
        .body as UpdateConversationStatusResponse;
    },
  };
}

function checkCreateConversation(body: unknown): void {
  if (!isRecord(body)) {
    throw new LiveDeskArgumentError("body", "expected { inbox_id, contact_id or source_id }.");
  }
  checkNumericId("inbox_id", body.inbox_id);
  if (body.contact_id === undefined && body.source_id === undefined) {
    throw new LiveDeskArgumentError(
      "body",
      "a conversation needs contact_id (the id Create Contact returned) or source_id, so that LiveDesk can identify the sender.",
    );
  }
  if (body.contact_id !== undefined) {
    checkNumericId("contact_id", body.contact_id);
  }
  if (body.source_id !== undefined && (typeof body.source_id !== "string" || body.source_id === "")) {
    throw new LiveDeskArgumentError("source_id", `expected a non-empty string, got ${JSON.stringify(body.source_id)}.`);
  }
}

function checkStatusChange(body: unknown): void {
  if (!isRecord(body) || !CONVERSATION_STATUSES.includes(body.status as ConversationStatus)) {
    const status = isRecord(body) ? JSON.stringify(body.status) : "no body";
    throw new LiveDeskArgumentError("status", `expected one of ${CONVERSATION_STATUSES.join(", ")}, got ${status}.`);
  }
  const until = body.snoozed_until;
  if (until === undefined) {
    return;
  }
  if (body.status !== "snoozed") {
    throw new LiveDeskArgumentError(
      "snoozed_until",
      `only applies to status "snoozed", not "${String(body.status)}". Drop it, or snooze the conversation.`,
    );
  }
  if (typeof until !== "number" || !Number.isInteger(until) || until <= 0) {
    throw new LiveDeskArgumentError(
      "snoozed_until",
      `expected Unix seconds as a positive integer (omit it to snooze indefinitely), got ${JSON.stringify(until)}.`,
    );
  }
}
