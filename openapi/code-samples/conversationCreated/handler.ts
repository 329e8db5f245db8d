import { LiveDeskWebhookError, parseWebhookEvent } from "@livedesk/client";

// A web-standard handler for POST /livedesk/webhook: use it as a route in Hono, Next.js, Remix, Bun or Deno.
// LiveDesk documents no signature, so protect the URL yourself (a secret path, an allow-list).
export async function handleLiveDeskWebhook(request: Request): Promise<Response> {
  try {
    const delivery = parseWebhookEvent(await request.text());
    if (delivery.known) {
      const { conversation, timestamps } = delivery;
      console.log("conversation", conversation.id, "opened at", new Date((timestamps.created_at ?? 0) * 1000));
    } else {
      console.log("event LiveDesk does not document:", delivery.event);
    }
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof LiveDeskWebhookError) {
      return new Response(error.message, { status: 400 });
    }
    throw error;
  }
}
