# Replay a delivery against your own endpoint, e.g. while developing it.
# conversation_created.json holds a payload such as the example on this page.
curl -X POST 'http://localhost:3000/livedesk/webhook' \
  -H 'Content-Type: application/json' \
  --data-binary @conversation_created.json
