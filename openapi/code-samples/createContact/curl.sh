curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  -X POST 'https://livedesk-api.engagelab.com/api/v2/accounts/contacts' \
  -H 'Content-Type: application/json' \
  -d '{
    "inbox_id": 407,
    "name": "Test",
    "email": "alice@acme.inc",
    "phone_number": "+123456789",
    "identifier": "1234567890"
  }'
