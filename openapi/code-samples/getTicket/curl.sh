# Check "code" in the answer: a non-zero code is a failure even with HTTP 200.
curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET" \
  'https://livedesk-api.engagelab.com/api/v2/accounts/tickets/tk_20251104_789abc'
