import { LiveDeskArgumentError } from "./errors.js";
import { checkNumericId } from "./path-params.js";
import { jsonBody } from "./responses.js";
import type { ClientContext, components, WriteRequestOptions } from "./types.js";
import { describe, isRecord } from "./values.js";

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

export function createMessagesResource({ client }: ClientContext): MessagesResource {
  return {
    async send(conversationId, body, options = {}) {
      const content = isRecord(body) ? body.content : undefined;
      // LiveDesk marks content required; an empty or blank message is no message.
      if (typeof content !== "string" || content.trim() === "") {
        throw new LiveDeskArgumentError(
          "content",
          `expected the message text as a non-blank string, { content: "…" }, got ${describe(content)}.`,
        );
      }
      const params = { path: { conversation_id: checkNumericId("conversationId", conversationId) } };
      const call = client(options).POST(MESSAGES_PATH, { params, body, parseAs: "text" });
      return (await jsonBody(call, "POST", MESSAGES_PATH, options)).body as Message;
    },
  };
}
