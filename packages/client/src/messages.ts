import { LiveDeskArgumentError } from "./errors.js";
import { checkNumericId } from "./path-params.js";
import { jsonBody } from "./responses.js";
import type { ClientContext, components, WriteRequestOptions } from "./types.js";
import { describe, isRecord } from "./values.js";

/** The body of Send Message: the text as `content` (not blank), and `private: true` for an internal note. */
export type SendMessageRequest = components["schemas"]["SendMessageRequest"];
/** A message as Send Message returns it: its `id`, `content`, `conversation_id` and more. */
export type Message = components["schemas"]["Message"];

/** The message helpers, `livedesk.messages`. Each throws a `LiveDeskError` subclass on any failure. */
export interface MessagesResource {
  /**
   * Sends a text message to a conversation (`POST …/conversations/{conversation_id}/messages`); `private: true`
   * makes it an internal note. Not retried unless `idempotent`: a retry could post the message twice. Empty or blank
   * `content` is refused with a {@link LiveDeskArgumentError} before anything is sent (ledger entry general-12).
   * @param conversationId - The conversation's `id` (as in its `conversation_created` delivery): a positive integer or
   * its digits as a string.
   */
  send(conversationId: number | string, body: SendMessageRequest, options?: WriteRequestOptions): Promise<Message>;
}

const MESSAGES_PATH = "/api/v2/accounts/conversations/{conversation_id}/messages";

export function createMessagesResource({ client }: ClientContext): MessagesResource {
  return {
    async send(conversationId, body, options = {}) {
      const content = isRecord(body) ? body.content : undefined;
      // Required, and an empty or blank message would show nothing: an assumption, ledger entry general-12.
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
