curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  -X POST 'https://livedesk-api.engagelab.com/api/v2/accounts/conversations/141/toggle_status' \
  -H 'Content-Type: application/json' \
  -d '{"status": "resolved"}'
