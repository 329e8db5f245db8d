// The LiveDesk stand-in on 127.0.0.1, started by startServer() in lib.mjs. The path prefix configures each request:
// /<total contacts>/<latency ms>/api/v2/accounts/contacts?page=N
import { createServer } from "node:http";
import { AUTHORIZATION, CONTACTS_PATH, pageBody } from "./lib.mjs";

const route = new RegExp(`^/(\\d+)/(\\d+)${CONTACTS_PATH}$`);

const server = createServer((request, response) => {
  const url = new URL(request.url, "http://127.0.0.1");
  const [, total, latencyMs] = route.exec(url.pathname)?.map(Number) ?? [];
  // A 401 for a contender that does not send the credentials, so that it cannot be measured by mistake.
  if (total === undefined || request.headers.authorization !== AUTHORIZATION) {
    response.writeHead(total === undefined ? 404 : 401).end();
    return;
  }
  const body = pageBody(Number(url.searchParams.get("page") ?? "1"), total);
  const headers = { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) };
  const send = () => response.writeHead(200, headers).end(body);
  // Not setTimeout(send, 0), which waits at least 1 ms.
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
