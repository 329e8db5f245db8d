# title and description are required.
curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  -X PUT 'https://livedesk-api.engagelab.com/api/v2/accounts/tickets/tk_20251104_789abc' \
  -H 'Content-Type: application/json' \
  -d '{
    "title": "Printer paper jam, unable to print (Updated)",
    "description": "Technician has been dispatched.",
    "priority": "high",
    "tags": ["printer", "hardware"]
  }'
