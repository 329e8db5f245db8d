# custom_attributes is merged into the stored attributes, not replaced.
curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  -X PATCH 'https://livedesk-api.engagelab.com/api/v2/accounts/contacts/318763' \
  -H 'Content-Type: application/json' \
  -d '{"name": "support", "custom_attributes": {"vip_level": "platinum"}}'
