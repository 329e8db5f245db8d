# One page (15 contacts) carrying any of the labels, most recently active first.
curl -G -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  https://livedesk-api.engagelab.com/api/v2/accounts/contacts \
  -d labels=vip,premium \
  -d sort=last_activity_at \
  -d direction=desc

# Search by email, phone number, name or identifier (the @ URL-encoded).
curl -G -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  https://livedesk-api.engagelab.com/api/v2/accounts/contacts \
  --data-urlencode q=support@engagelab.com
