// Start-up time until the first successful answer: the stateful mock against the Prism mock, alternating.
import { integer, median, ratioByRound, table, takeTurns, times } from "../../../scripts/bench-lib.mjs";
import { CONTACTS_PATH, startHost } from "./lib.mjs";

const STARTS = 11;
const PRISM = "Prism mock, startMockServer()";
const STATEFUL = "stateful mock, startMockServer({ stateful: true })";
const OPTIONS = { [PRISM]: {}, [STATEFUL]: { stateful: true } };

export const title = "Start-up time";
export const about = `From the call of \`startMockServer()\` to the first answer (200) of \`GET ${CONTACTS_PATH}\`, each start in a fresh process, so that nothing is cached from an earlier one: the stateful mock compiles the spec's validators, generates its 25 default contacts, and starts its servers and Prism's validation proxy; the Prism mock starts Prism. Importing \`@livedesk/mock\`, the same for both, is not counted. ${STARTS} starts each, alternating (the order rotates); times are medians, the ratio is the median of the per-round ratios.`;

export async function run() {
  const startMs = await takeTurns(Object.keys(OPTIONS), STARTS, async (name) => {
    const host = await startHost(OPTIONS[name]);
    await host.close();
    return host.startMs;
  });
  const rows = Object.entries(startMs).map(([name, own]) => [
    name,
    integer(median(own)),
    integer(Math.min(...own)),
    integer(Math.max(...own)),
    times(ratioByRound(own, startMs[PRISM])),
  ]);
  return {
    markdown: table(["Mock", "median (ms)", "fastest (ms)", "slowest (ms)", `× ${PRISM}`], rows),
    budgets: [
      { name: `${STATEFUL}, start-up time ÷ ${PRISM}`, value: ratioByRound(startMs[STATEFUL], startMs[PRISM]), max: 2 },
    ],
  };
}
