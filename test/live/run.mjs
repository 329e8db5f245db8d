// `npm run test:live`: the read-only contract tests against a real LiveDesk account, through the validation proxy.
// Needs LIVEDESK_API_KEY and LIVEDESK_API_SECRET; LIVEDESK_BASE_URL defaults to the Singapore data centre.
// Never part of `npm test` or CI.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const { LIVEDESK_API_KEY, LIVEDESK_API_SECRET } = process.env;
if (!LIVEDESK_API_KEY || !LIVEDESK_API_SECRET) {
  process.stdout.write(
    "The live run did not happen: set LIVEDESK_API_KEY and LIVEDESK_API_SECRET (read-only use) to run the contract tests against LiveDesk.\n",
  );
  process.exit(0);
}
const vitest = fileURLToPath(new URL("vitest.mjs", import.meta.resolve("vitest/package.json")));
const config = fileURLToPath(new URL("./vitest.live.config.ts", import.meta.url));
const result = spawnSync(process.execPath, [vitest, "run", "--config", config], { stdio: "inherit" });
process.exit(result.status ?? 1);
