import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// Step 3: a message in the conversation; private: true makes it a private note.
const message = await livedesk.messages.send(141, { content: "Agent sending message, is it normal?", private: false });
console.log("sent message", message.id, "to conversation", message.conversation_id);
