/**
 * Lists and replays a service's dead letters, shows the replay audit, and lists
 * held events, through the service's REST API.
 *
 *   npm run dead-letters -- list     <service> [--topic erp.sales-orders] [--reason SCHEMA_VIOLATION]
 *   npm run dead-letters -- replay   <service> <id> [--comment "fixed in 1.4.2"]
 *   npm run dead-letters -- replay   <service> --all [--topic T] [--reason R] [--comment C]
 *   npm run dead-letters -- replays  <service> [--topic T] [--id <dead letter id>]
 *   npm run dead-letters -- held     <service> [--topic T] [--include-released]
 *   npm run dead-letters -- give-up  <service> <held event id> [--comment C]
 *
 * <service> is a name (service-commitments, scheduling, ... at their `npm start`
 * ports) or a base URL. The bearer token comes from DEAD_LETTERS_TOKEN (a token
 * with role service_manager or integration); with --dev-token the public dev
 * secret signs one (only a service running with that secret accepts it), whose
 * subject is the operator. The operator (--operator, default the OS user) and the
 * comment go into the service's replay audit beside the token's subject.
 * Exit code: 0 when everything asked was done (an already replayed one counts), 1 otherwise.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { devToken } from '#auth';
import { DeadLettersClient, formatByTopic, formatHeldByTopic, formatReplays } from './dead-letters-client.js';
import { baseUrl, SERVICES } from './start-lib/services.js';

const USAGE = `usage:
  dead-letters list     <service|url> [--topic T] [--reason CODE]
  dead-letters replay   <service|url> <id> [--comment C]
  dead-letters replay   <service|url> --all [--topic T] [--reason CODE] [--comment C]
  dead-letters replays  <service|url> [--topic T] [--id DEAD_LETTER_ID]     (the replay audit)
  dead-letters held     <service|url> [--topic T] [--include-released]      (held events)
  dead-letters give-up  <service|url> <held event id> [--comment C]         (dead-letter a held event now)
options: --operator NAME (default: the OS user) is recorded in the audit with the comment
token: DEAD_LETTERS_TOKEN=<jwt> (role service_manager or integration), or --dev-token`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    topic: { type: 'string' },
    reason: { type: 'string' },
    id: { type: 'string' },
    comment: { type: 'string' },
    operator: { type: 'string' },
    all: { type: 'boolean', default: false },
    'include-released': { type: 'boolean', default: false },
    'dev-token': { type: 'boolean', default: false },
  },
});
const [command, service, id] = positionals;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function osUser(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return process.env.USER || process.env.USERNAME || undefined;
  }
}

if (!command || !service || !['list', 'replay', 'replays', 'held', 'give-up'].includes(command)) fail(USAGE);
const known = SERVICES.find((s) => s.name === service);
const url = known ? baseUrl(known) : /^https?:\/\//.test(service) ? service : fail(`unknown service "${service}" (one of ${SERVICES.map((s) => s.name).join(', ')}, or a URL)\n${USAGE}`);
const operator = values.operator || osUser() || 'dead-letters-cli';
const token = process.env.DEAD_LETTERS_TOKEN || (values['dev-token'] ? devToken({ subject: operator, roles: ['integration'] }) : fail(`no token: set DEAD_LETTERS_TOKEN or pass --dev-token\n${USAGE}`));
const client = new DeadLettersClient(url, token);
const filter = { topic: values.topic, reasonCode: values.reason };
const note = { operator, ...(values.comment ? { comment: values.comment } : {}) };

try {
  if (command === 'list') {
    console.log(formatByTopic(await client.list(filter)));
  } else if (command === 'replays') {
    console.log(formatReplays(await client.replays({ topic: values.topic, deadLetterId: values.id })));
  } else if (command === 'held') {
    console.log(formatHeldByTopic(await client.heldEvents({ topic: values.topic, includeReleased: values['include-released'] })));
  } else if (command === 'give-up') {
    if (!id) fail(`give-up needs a held event id\n${USAGE}`);
    const { deadLetterId } = await client.giveUp(id, note);
    console.log(`held event #${id} dead-lettered${deadLetterId ? ` as dead letter #${deadLetterId}` : ''}`);
  } else {
    if (!values.all && !id) fail(`replay needs an id or --all\n${USAGE}`);
    const outcomes = values.all ? await client.replayAll(filter, note) : [await client.replay(id, note)];
    for (const o of outcomes) console.log(`#${o.id} ${o.outcome}${o.detail ? `: ${o.detail}` : ''}`);
    if (values.all) console.log(`${outcomes.filter((o) => o.outcome === 'replayed').length} replayed, ${outcomes.filter((o) => o.outcome === 'failed').length} failed`);
    process.exitCode = outcomes.some((o) => o.outcome === 'failed') ? 1 : 0;
  }
} catch (error) {
  console.error(`dead-letters ${command} ${url}: ${(error as Error).message}`);
  process.exitCode = 1;
}
