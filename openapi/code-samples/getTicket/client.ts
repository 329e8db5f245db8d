import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// The ticket itself (the envelope's data); a non-zero code throws LiveDeskResultError.
const ticket = await livedesk.tickets.get("tk_20251104_789abc");
console.log(ticket.ticket_id, ticket.status, ticket.title);
