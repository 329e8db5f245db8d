// A LiveDesk stand-in on 127.0.0.1, run as a child process of run.mjs so that it has a core of its own and does not
// share the event loop of the client being measured. The path prefix configures each request:
// /<total contacts>/<latency ms>/api/v2/accounts/contacts?page=N
import { createServer } from "node:http";
import { AUTHORIZATION, CONTACTS_PATH, pageBody } from "./pages.mjs";

const route = new RegExp(`^/(\\d+)/(\\d+)${CONTACTS_PATH}$`);

const server = createServer((request, response) => {
  const url = new URL(request.url, "http://127.0.0.1");
  const match = route.exec(url.pathname);
  if (!match) {
    response.writeHead(404).end();
    return;
  }
  // Proves that every contender sends the credentials.
  if (request.headers.authorization !== AUTHORIZATION) {
    response.writeHead(401).end();
    return;
  }
  const [, total, latencyMs] = match.map(Number);
  const body = pageBody(Number(url.searchParams.get("page") ?? "1"), total);
  const send = () =>
    response
      .writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) })
      .end(body);
  if (latencyMs > 0) {
    setTimeout(send, latencyMs);
  } else {
    send();
  }
});
// Longer than undici's 4 s client-side keep-alive, so that the server never closes a socket the client reuses.
server.keepAliveTimeout = 10_000;
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
// Ends with its parent, also when the parent dies.
process.on("disconnect", () => process.exit(0));
