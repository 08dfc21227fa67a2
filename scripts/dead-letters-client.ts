/**
 * The dead-letter API of a service (`GET /dead-letters`, `POST /dead-letters/:id/replay`)
 * as functions, for the `dead-letters` CLI and its test.
 */

export interface DeadLetter {
  id: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  key: string | null;
  reasonCode: string;
  reason: string;
  failedAt: string;
  replayedAt: string | null;
}

export interface DeadLetterFilter {
  topic?: string;
  reasonCode?: string;
  limit?: number;
}

export type ReplayOutcome = { id: string; outcome: 'replayed' | 'already-replayed' | 'failed'; detail?: string };

export class DeadLettersClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async list(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    const query = new URLSearchParams();
    if (filter.topic) query.set('topic', filter.topic);
    if (filter.reasonCode) query.set('reasonCode', filter.reasonCode);
    query.set('limit', String(filter.limit ?? 1000));
    const response = await this.request('GET', `/dead-letters?${query}`);
    if (response.status !== 200) throw new Error(`GET /dead-letters: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as DeadLetter[];
  }

  /** Replays one; a dead letter replayed before is reported, not sent again. */
  async replay(id: string): Promise<ReplayOutcome> {
    const response = await this.request('POST', `/dead-letters/${encodeURIComponent(id)}/replay`);
    if (response.status === 201 || response.status === 200) return { id, outcome: 'replayed' };
    const message = (response.body as { message?: string } | null)?.message ?? JSON.stringify(response.body);
    if (response.status === 409) return { id, outcome: 'already-replayed', detail: message };
    return { id, outcome: 'failed', detail: `HTTP ${response.status} ${message}` };
  }

  /** Replays every dead letter matching the filter that has not been replayed yet, oldest first. */
  async replayAll(filter: DeadLetterFilter = {}): Promise<ReplayOutcome[]> {
    const pending = (await this.list(filter)).filter((letter) => letter.replayedAt === null).reverse();
    const outcomes: ReplayOutcome[] = [];
    for (const letter of pending) outcomes.push(await this.replay(letter.id));
    return outcomes;
  }

  private async request(method: string, path: string): Promise<{ status: number; body: unknown }> {
    const response = await this.fetchFn(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // keep the text
    }
    return { status: response.status, body };
  }
}

/** Dead letters per original topic, each with its reason, as the CLI prints them. */
export function formatByTopic(letters: DeadLetter[]): string {
  if (letters.length === 0) return 'no dead letters';
  const byTopic = new Map<string, DeadLetter[]>();
  for (const letter of letters) byTopic.set(letter.originalTopic, [...(byTopic.get(letter.originalTopic) ?? []), letter]);
  const lines: string[] = [];
  for (const [topic, group] of [...byTopic].sort(([a], [b]) => a.localeCompare(b))) {
    const waiting = group.filter((l) => l.replayedAt === null).length;
    lines.push(`${topic}: ${group.length} dead letter(s), ${waiting} not replayed`);
    for (const l of group) {
      const state = l.replayedAt ? `replayed ${l.replayedAt}` : 'waiting';
      lines.push(`  #${l.id} ${l.reasonCode} p${l.originalPartition}@${l.originalOffset} key=${l.key ?? '-'} failed ${l.failedAt} [${state}]`);
      lines.push(`      ${l.reason.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
  }
  return lines.join('\n');
}
