// One mock server for the benchmarks, started by startHost() in lib.mjs with the options of argv[2] (JSON). Reports
// its URL and start-up time, and stops when its parent disconnects or dies.
import { startMockServer } from "@livedesk/mock";
import { CONTACTS_PATH, HEADERS } from "./lib.mjs";

const start = performance.now();
const starting = startMockServer(JSON.parse(process.argv[2]));
process.on("disconnect", async () => {
  await (await starting).close();
  process.exit(0);
});
const server = await starting;
const response = await fetch(`${server.url}${CONTACTS_PATH}`, { headers: HEADERS });
await response.arrayBuffer();
const startMs = performance.now() - start;
if (response.status !== 200) {
  process.stderr.write(`The first GET ${CONTACTS_PATH} answered ${response.status}, not 200.\n`);
  await server.close();
  process.exit(1);
}
process.send({ url: server.url, startMs });
