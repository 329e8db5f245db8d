import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// Step 1 of an API-channel integration: the contact, in the channel's inbox.
const { payload } = await livedesk.contacts.create({
  inbox_id: 407,
  name: "Test",
  email: "alice@acme.inc",
  phone_number: "+123456789",
  identifier: "1234567890",
});
console.log("created contact", payload.contact.id);
