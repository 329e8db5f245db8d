# Step 3: a message in the conversation; "private": true makes it a private note.
curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  -X POST 'https://livedesk-api.engagelab.com/api/v2/accounts/conversations/141/messages' \
  -H 'Content-Type: application/json' \
  -d '{"content": "Agent sending message, is it normal?", "private": false}'
