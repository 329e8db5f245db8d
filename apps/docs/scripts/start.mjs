// `npm start`: serves the built docs and the stateful LiveDesk simulator of @livedesk/mock (behind Prism's validation
// proxy) on loopback, and says where everything is.
// Ports: DOCS_PORT (default 4000) and MOCK_PORT (default 4010); 0 picks a free one.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { DEFAULT_CREDENTIALS, startMockServer } from "@livedesk/mock";
import { openapiJsonPath, openapiYamlPath } from "@livedesk/openapi";
import sirv from "sirv";

const HOST = "127.0.0.1";
const files = {
  "/openapi.json": [openapiJsonPath, "application/json"],
  "/openapi.yaml": [openapiYamlPath, "application/yaml"],
};

// The spec's files by name; everything else from the built site (reference, ledger, guides, client reference).
const site = sirv(fileURLToPath(new URL("../dist/", import.meta.url)), { dev: true });
const docs = createServer((request, response) => {
  // The path alone: `new URL("//x", base)` would throw on a request for `//x` and take the server down.
  const file = files[(request.url ?? "/").split("?")[0]];
  if (!file) {
    site(request, response, () =>
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found. Try / for the API reference.\n"),
    );
    return;
  }
  response.writeHead(200, { "content-type": file[1] }).end(readFileSync(file[0]));
});

try {
  await new Promise((resolve, reject) => {
    docs.once("error", reject);
    docs.listen(Number(process.env.DOCS_PORT ?? 4000), HOST, resolve);
  });
} catch (error) {
  throw new Error(`Cannot serve the docs: ${error.message}. Set DOCS_PORT to a free port (0 picks one).`);
}
const mock = await startMockServer({ stateful: true, seed: 1, port: Number(process.env.MOCK_PORT ?? 4010) }).catch(
  (error) => {
    docs.close();
    throw new Error(`${error.message}\nSet MOCK_PORT to a free port (0 picks one).`);
  },
);
const { apiKey, apiSecret } = DEFAULT_CREDENTIALS;
const docsUrl = `http://${HOST}:${docs.address().port}`;

process.stdout.write(`
Built:
  spec     openapi/dist/openapi.yaml, openapi/dist/openapi.json
  client   packages/client/dist/  (@livedesk/client)
  mock kit packages/mock/dist/    (@livedesk/mock)
  docs     apps/docs/dist/  (reference, ledger, guides, client reference; works offline)

Serving:
  API reference       ${docsUrl}/  (ledger.html, guides/, client/ beside it)
  LiveDesk simulator  ${mock.url}  (seed 1; keeps what you create; Prism checks every request against the spec)
    credentials       ${apiKey} / ${apiSecret}
    state             ${mock.controlUrl}/state  (POST /reset and /faults beside it)

Try it:
  curl -u ${apiKey}:${apiSecret} '${mock.url}/api/v2/accounts/contacts?labels=vip,premium&sort=name'

Press Ctrl+C to stop.
`);

const shutdown = async () => {
  docs.close();
  await mock.close();
  process.exit(0);
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
