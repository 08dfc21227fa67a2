/**
 * Lists and replays a service's dead letters through its REST API.
 *
 *   npm run dead-letters -- list   <service> [--topic erp.sales-orders] [--reason SCHEMA_VIOLATION]
 *   npm run dead-letters -- replay <service> <id>
 *   npm run dead-letters -- replay <service> --all [--topic T] [--reason R]
 *
 * <service> is a name (service-commitments, scheduling, ... at their `npm start`
 * ports) or a base URL. The bearer token comes from DEAD_LETTERS_TOKEN (a token
 * with role service_manager or integration); with --dev-token the public dev
 * secret signs one (only a service running with that secret accepts it).
 * Exit code: 0 when everything asked was done (an already replayed one counts), 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { devToken } from '#auth';
import { DeadLettersClient, formatByTopic } from './dead-letters-client.js';
import { baseUrl, SERVICES } from './start-lib/services.js';

const USAGE = `usage:
  dead-letters list   <service|url> [--topic T] [--reason CODE]
  dead-letters replay <service|url> <id>
  dead-letters replay <service|url> --all [--topic T] [--reason CODE]
token: DEAD_LETTERS_TOKEN=<jwt> (role service_manager or integration), or --dev-token`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    topic: { type: 'string' },
    reason: { type: 'string' },
    all: { type: 'boolean', default: false },
    'dev-token': { type: 'boolean', default: false },
  },
});
const [command, service, id] = positionals;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (!command || !service || !['list', 'replay'].includes(command)) fail(USAGE);
const known = SERVICES.find((s) => s.name === service);
const url = known ? baseUrl(known) : /^https?:\/\//.test(service) ? service : fail(`unknown service "${service}" (one of ${SERVICES.map((s) => s.name).join(', ')}, or a URL)\n${USAGE}`);
const token = process.env.DEAD_LETTERS_TOKEN || (values['dev-token'] ? devToken({ subject: 'dead-letters-cli', roles: ['integration'] }) : fail(`no token: set DEAD_LETTERS_TOKEN or pass --dev-token\n${USAGE}`));
const client = new DeadLettersClient(url, token);
const filter = { topic: values.topic, reasonCode: values.reason };

try {
  if (command === 'list') {
    console.log(formatByTopic(await client.list(filter)));
  } else {
    if (!values.all && !id) fail(`replay needs an id or --all\n${USAGE}`);
    const outcomes = values.all ? await client.replayAll(filter) : [await client.replay(id)];
    for (const o of outcomes) console.log(`#${o.id} ${o.outcome}${o.detail ? `: ${o.detail}` : ''}`);
    if (values.all) console.log(`${outcomes.filter((o) => o.outcome === 'replayed').length} replayed, ${outcomes.filter((o) => o.outcome === 'failed').length} failed`);
    process.exitCode = outcomes.some((o) => o.outcome === 'failed') ? 1 : 0;
  }
} catch (error) {
  console.error(`dead-letters ${command} ${url}: ${(error as Error).message}`);
  process.exitCode = 1;
}
