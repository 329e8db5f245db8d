import { LiveDeskArgumentError } from "./errors.js";
import { checkNumericId } from "./path-params.js";
import { jsonBody } from "./responses.js";
import type { ClientContext, components, WriteRequestOptions } from "./types.js";
import { describe, isRecord } from "./values.js";

/**
 * The body of Create Conversation: the `inbox_id`, and the contact as `contact_id` (the id Create Contact returned)
 * or `source_id`. Ids are positive integers or their digits as strings.
 */
export type CreateConversationRequest = components["schemas"]["CreateConversationRequest"];
/**
 * What Create Conversation returns. LiveDesk documents only its beginning (`meta.sender`), so the object is open; the
 * `conversation_created` webhook shows what a conversation most likely contains.
 */
export type CreateConversationResponse = components["schemas"]["CreateConversationResponse"];
/** The body of Update Conversation Status: the new `status`, and `snoozed_until` (Unix seconds) when snoozing. */
export type UpdateConversationStatusRequest = components["schemas"]["UpdateConversationStatusRequest"];
/** A status Update Conversation Status accepts: `open`, `resolved`, `pending` or `snoozed`. */
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

/** The conversation helpers, `livedesk.conversations`. Each throws a `LiveDeskError` subclass on any failure. */
export interface ConversationsResource {
  /**
   * Opens a conversation for a contact in an inbox (`POST /api/v2/accounts/conversations`). Needs `contact_id` or
   * `source_id`; checked before sending. Not retried unless `idempotent`.
   */
  create(body: CreateConversationRequest, options?: WriteRequestOptions): Promise<CreateConversationResponse>;
  /**
   * Sets a conversation's status (`POST …/conversations/{conversation_id}/toggle_status`). `snoozed_until` (Unix
   * seconds) goes only with `status: "snoozed"`; checked before sending. Not retried unless `idempotent`.
   * @param conversationId - The conversation's `id` (as in its `conversation_created` delivery): a positive integer or
   * its digits as a string.
   */
  updateStatus(
    conversationId: number | string,
    body: UpdateConversationStatusRequest,
    options?: WriteRequestOptions,
  ): Promise<UpdateConversationStatusResponse>;
}

const CONVERSATIONS_PATH = "/api/v2/accounts/conversations";
const TOGGLE_STATUS_PATH = "/api/v2/accounts/conversations/{conversation_id}/toggle_status";

export function createConversationsResource({ client }: ClientContext): ConversationsResource {
  return {
    async create(body, options = {}) {
      checkCreateConversation(body);
      const call = client(options).POST(CONVERSATIONS_PATH, { body, parseAs: "text" });
      return (await jsonBody(call, "POST", CONVERSATIONS_PATH, options)).body as CreateConversationResponse;
    },
    async updateStatus(conversationId, body, options = {}) {
      checkStatusChange(body);
      const params = { path: { conversation_id: checkNumericId("conversationId", conversationId) } };
      const call = client(options).POST(TOGGLE_STATUS_PATH, { params, body, parseAs: "text" });
      return (await jsonBody(call, "POST", TOGGLE_STATUS_PATH, options, true)).body as UpdateConversationStatusResponse;
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
    throw new LiveDeskArgumentError("source_id", `expected a non-empty string, got ${describe(body.source_id)}.`);
  }
}

function checkStatusChange(body: unknown): void {
  if (!isRecord(body) || !CONVERSATION_STATUSES.includes(body.status as ConversationStatus)) {
    const status = isRecord(body) ? describe(body.status) : "no body";
    throw new LiveDeskArgumentError("status", `expected one of ${CONVERSATION_STATUSES.join(", ")}, got ${status}.`);
  }
  const until = body.snoozed_until;
  if (until === undefined) {
    return;
  }
  if (body.status !== "snoozed") {
    throw new LiveDeskArgumentError(
      "snoozed_until",
      `only applies to status "snoozed", not ${describe(body.status)}. Drop it, or snooze the conversation.`,
    );
  }
  if (typeof until !== "number" || !Number.isInteger(until) || until <= 0) {
    throw new LiveDeskArgumentError(
      "snoozed_until",
      `expected Unix seconds as a positive integer (omit it to snooze indefinitely), got ${describe(until)}.`,
    );
  }
}
