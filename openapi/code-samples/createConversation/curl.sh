# Step 2: a conversation with the contact that Create Contact returned.
curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  -X POST 'https://livedesk-api.engagelab.com/api/v2/accounts/conversations' \
  -H 'Content-Type: application/json' \
  -d '{"inbox_id": 407, "contact_id": 2219259}'
