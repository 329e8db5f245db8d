# Check "code" in the answer: a non-zero code is a failure even with HTTP 200.
curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  -X POST 'https://livedesk-api.engagelab.com/api/v2/accounts/tickets' \
  -H 'Content-Type: application/json' \
  -d '{
    "title": "Printer paper jam, unable to print",
    "requester": {"euid": "contact_12345"},
    "priority": "high",
    "ticket_type": "incident",
    "custom_fields": {"device_sn": "PRN-2024-001"}
  }'
