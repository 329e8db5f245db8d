import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// One page (15 contacts) carrying any of the labels, most recently active first.
const page = await livedesk.contacts.list({ labels: ["vip", "premium"], sort: "last_activity_at", direction: "desc" });
console.log(`page ${page.meta.current_page}: ${page.payload.length} of ${page.meta.count} contacts`);

// Every matching contact, page after page, one page in memory at a time.
for await (const contact of livedesk.contacts.listAll({ labels: ["vip"] })) {
  console.log(contact.id, contact.name, contact.email);
}

// Search by email, phone number, name or identifier.
const found = await livedesk.contacts.search("support@engagelab.com");
console.log(found.payload.map((contact) => contact.id));
