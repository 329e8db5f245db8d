# One page (15 contacts) carrying any of the labels, most recently active first.
curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  'https://livedesk-api.engagelab.com/api/v2/accounts/contacts?labels=vip,premium&sort=last_activity_at&direction=desc'

# Search by email, phone number, name or identifier.
curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  'https://livedesk-api.engagelab.com/api/v2/accounts/contacts?q=support%40engagelab.com'
