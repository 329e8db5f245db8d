// Requests per second of List Contacts: the Prism mock over HTTP, the simulator in-process, and the stateful mock
// over HTTP behind Prism's validation proxy, all taking turns in one run.
import { setTimeout as sleep } from "node:timers/promises";
import { createSimulator } from "@livedesk/mock";
import { integer, median, ratioByRound, table, takeTurns, times } from "../../../scripts/bench-lib.mjs";
import { CONTACTS_PATH, HEADERS, startHost } from "./lib.mjs";

const CONCURRENCY = 16;
const PAGE_SIZE = 15;
const HTTP = { warmup: 300, perTurn: 600 };
// In-process answers come many times faster: more of them, so that a turn lasts long enough to time.
const IN_PROCESS = { warmup: 3_000, perTurn: 6_000 };
const ROUNDS = 9;
// One generated contact, so that the simulator's page is the size of Prism's one-example page; the default 25 give a
// full page of 15, as an account with more contacts than a page gets.
const SMALL = { contacts: 1 };
const FULL = {};

const PRISM = "Prism mock, HTTP";
const IN_PROCESS_SMALL = "simulator in-process, 1 contact";
const STATEFUL_SMALL = "stateful mock, HTTP, 1 contact";
const IN_PROCESS_FULL = "simulator in-process, 25 contacts";
const STATEFUL_FULL = "stateful mock, HTTP, 25 contacts";

export const title = "Requests per second of List Contacts";
export const about = `Every contender answers \`GET ${CONTACTS_PATH}\` with Basic auth, ${CONCURRENCY} requests in flight, each answer read with \`response.json()\`. The baseline, *${PRISM}*, is the Prism mock of the documented examples, \`startMockServer()\`. *Stateful mock, HTTP* is \`startMockServer({ stateful: true })\`: its front (faults, control endpoints), Prism's validation proxy (\`errors: true\`) and the simulator. Each HTTP mock is started in a process of its own, as \`livedesk-mock\` or a vitest globalSetup runs it (Prism in another, as always), and is called over 127.0.0.1 with \`fetch\` from the process that measures. *Simulator in-process* is \`createSimulator(…).fetch\` in the measuring process, given a \`Request\` built for each call. Prism's example page holds one contact, so the budgets compare simulators seeded with one contact (\`contacts: 1\`), whose page has the same shape and about the same size (see the bytes): the ratios then weigh the work of answering, not the length of the answer. The rows with the default 25 contacts show what a full page of ${PAGE_SIZE} costs; they have no budget. Each contender is checked once before timing (status 200 and the number of contacts on its page). ${HTTP.warmup} warm-up requests over HTTP (${integer(IN_PROCESS.warmup)} in-process), then ${ROUNDS} rounds in which each contender answers ${HTTP.perTurn} requests over HTTP (${integer(IN_PROCESS.perTurn)} in-process) in turn (the order rotates). Requests per second are the median over rounds; ratios are medians of the per-round ratios.`;

/** `requests` calls of `send`, `CONCURRENCY` at a time; resolves to the calls per second. */
async function burst(send, requests) {
  let started = 0;
  const worker = async () => {
    while (started < requests) {
      started += 1;
      await send();
    }
  };
  // An in-process turn keeps the event loop busy throughout, so sockets that a server closed meanwhile must be seen
  // closed (and expired keep-alive timers run) before the next turn reuses them: "other side closed" otherwise.
  await sleep(10);
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return requests / ((performance.now() - start) / 1000);
}

async function readPage(response) {
  if (response.status !== 200) {
    throw new Error(`GET ${CONTACTS_PATH} answered ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

const overHttp = (url) => async () => readPage(await fetch(`${url}${CONTACTS_PATH}`, { headers: HEADERS }));

function inProcess(simulator) {
  // The client's default base URL: the simulator answers any origin.
  const url = `https://livedesk-api.engagelab.com${CONTACTS_PATH}`;
  return async () => readPage(await simulator.fetch(new Request(url, { headers: HEADERS })));
}

export async function run() {
  const hosts = [];
  try {
    for (const options of [{}, { stateful: true, ...SMALL }, { stateful: true, ...FULL }]) {
      hosts.push(await startHost(options));
    }
    const [prism, statefulSmall, statefulFull] = hosts;
    const contenders = {
      [PRISM]: { send: overHttp(prism.url), load: HTTP, contacts: 1 },
      [IN_PROCESS_SMALL]: { send: inProcess(createSimulator(SMALL)), load: IN_PROCESS, contacts: 1 },
      [STATEFUL_SMALL]: { send: overHttp(statefulSmall.url), load: HTTP, contacts: 1 },
      [IN_PROCESS_FULL]: { send: inProcess(createSimulator(FULL)), load: IN_PROCESS, contacts: PAGE_SIZE },
      [STATEFUL_FULL]: { send: overHttp(statefulFull.url), load: HTTP, contacts: PAGE_SIZE },
    };
    // No row may measure a failure, or a page other than the one it claims.
    const answerBytes = {};
    for (const [name, { send, contacts }] of Object.entries(contenders)) {
      const page = await send();
      if (page.payload?.length !== contacts) {
        throw new Error(`${name} answered ${page.payload?.length} contacts, not ${contacts}`);
      }
      answerBytes[name] = Buffer.byteLength(JSON.stringify(page));
    }
    for (const { send, load } of Object.values(contenders)) {
      await burst(send, load.warmup);
    }
    const perSecond = await takeTurns(Object.keys(contenders), ROUNDS, (name) =>
      burst(contenders[name].send, contenders[name].load.perTurn),
    );
    const rows = Object.entries(perSecond).map(([name, own]) => [
      name,
      String(contenders[name].contacts),
      integer(answerBytes[name]),
      integer(median(own)),
      times(ratioByRound(own, perSecond[PRISM])),
    ]);
    return {
      markdown: table(["Contender", "contacts on the page", "answer (bytes)", "requests/s", `× ${PRISM}`], rows),
      budgets: [
        {
          name: `${IN_PROCESS_SMALL}, requests/s ÷ ${PRISM}`,
          value: ratioByRound(perSecond[IN_PROCESS_SMALL], perSecond[PRISM]),
          min: 10,
        },
        {
          name: `${STATEFUL_SMALL}, requests/s ÷ ${PRISM}`,
          value: ratioByRound(perSecond[STATEFUL_SMALL], perSecond[PRISM]),
          min: 0.5,
        },
      ],
    };
  } finally {
    await Promise.all(hosts.map((host) => host.close()));
  }
}
