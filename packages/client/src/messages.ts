import type { components } from "@livedesk/openapi";
import type { ClientContext, WriteRequestOptions } from "./client.js";
import { LiveDeskArgumentError } from "./errors.js";
import { checkNumericId } from "./ids.js";
import { isRecord, jsonBody } from "./responses.js";

export type SendMessageRequest = components["schemas"]["SendMessageRequest"];
export type Message = components["schemas"]["Message"];

export interface MessagesResource {
  /**
   * Sends a text message to a conversation (`POST …/conversations/{conversation_id}/messages`); `private: true`
   * makes it an internal note. Not retried unless `idempotent`: a retry could post the message twice.
   */
  send(conversationId: number | string, body: SendMessageRequest, options?: WriteRequestOptions): Promise<Message>;
}

const MESSAGES_PATH = "/api/v2/accounts/conversations/{conversation_id}/messages";

export function createMessagesResource({ client, requestInit }: ClientContext): MessagesResource {
  return {
    async send(conversationId, body, options = {}) {
      if (!isRecord(body) || typeof body.content !== "string") {
        throw new LiveDeskArgumentError("content", 'expected the message text as a string: { content: "…" }.');
      }
      const params = { path: { conversation_id: checkNumericId("conversationId", conversationId) } };
      const call = client.POST(MESSAGES_PATH, { params, body, parseAs: "text", ...requestInit(options) });
      return (await jsonBody(call, "POST", MESSAGES_PATH)).body as Message;
    },
  };
}
