/**
 * The dead-letter API of a service (`GET /dead-letters`, `POST /dead-letters/:id/replay`,
 * `POST /dead-letters/replay`, `GET /dead-letters/replays`, `GET /held-events`,
 * `POST /held-events/:id/dead-letter`) as functions, for the `dead-letters` CLI and its test.
 */
import type { DeadLetterReplayView, HeldEventView } from '#messaging';

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
  /** When it went to the dead-letter topic; null while still to be sent. */
  publishedAt: string | null;
}

export interface DeadLetterFilter {
  topic?: string;
  reasonCode?: string;
  limit?: number;
}

export type ReplayOutcome = { id: string; outcome: 'replayed' | 'already-replayed' | 'failed'; detail?: string };

/** Who asks, and why: recorded in the service's replay audit. */
export interface ReplayNote {
  comment?: string;
  /** The operator's name (the CLI: --operator or the OS user); the token's subject is recorded as well. */
  operator?: string;
}

/** One row of the replay audit, as the service answers it. */
export type ReplayAuditEntry = DeadLetterReplayView;

/** An event held until what it refers to exists, as the service answers it. */
export type HeldEvent = HeldEventView;

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
  async replay(id: string, note: ReplayNote = {}): Promise<ReplayOutcome> {
    const response = await this.request('POST', `/dead-letters/${encodeURIComponent(id)}/replay`, note);
    if (response.status === 201 || response.status === 200) return { id, outcome: 'replayed' };
    const body = response.body as { message?: string; code?: string } | null;
    const message = body?.message ?? JSON.stringify(response.body);
    if (response.status === 409 && body?.code === 'ALREADY_REPLAYED') return { id, outcome: 'already-replayed', detail: message };
    return { id, outcome: 'failed', detail: `HTTP ${response.status} ${message}` };
  }

  /**
   * Replays every dead letter matching the filter that has not been replayed yet,
   * oldest first, through the service's replay-all (one call per topic: without
   * --topic, each topic that has dead letters waiting).
   */
  async replayAll(filter: DeadLetterFilter = {}, note: ReplayNote = {}): Promise<ReplayOutcome[]> {
    const topics = filter.topic
      ? [filter.topic]
      : [...new Set((await this.list({ reasonCode: filter.reasonCode })).filter((l) => l.replayedAt === null).map((l) => l.originalTopic))].sort();
    const outcomes: ReplayOutcome[] = [];
    for (const topic of topics) {
      const response = await this.request('POST', '/dead-letters/replay', { topic, ...(filter.reasonCode ? { reasonCode: filter.reasonCode } : {}), ...note });
      if (response.status !== 200) throw new Error(`POST /dead-letters/replay (${topic}): HTTP ${response.status} ${JSON.stringify(response.body)}`);
      const { results } = response.body as { results: { id: string; outcome: 'replayed' | 'already_replayed' | 'failed'; detail?: string }[] };
      for (const r of results) outcomes.push({ id: r.id, outcome: r.outcome === 'already_replayed' ? 'already-replayed' : r.outcome, ...(r.detail ? { detail: r.detail } : {}) });
    }
    return outcomes;
  }

  /** The service's replay audit, newest first. */
  async replays(filter: { topic?: string; deadLetterId?: string; limit?: number } = {}): Promise<ReplayAuditEntry[]> {
    const query = new URLSearchParams();
    if (filter.topic) query.set('topic', filter.topic);
    if (filter.deadLetterId) query.set('deadLetterId', filter.deadLetterId);
    query.set('limit', String(filter.limit ?? 1000));
    const response = await this.request('GET', `/dead-letters/replays?${query}`);
    if (response.status !== 200) throw new Error(`GET /dead-letters/replays: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as ReplayAuditEntry[];
  }

  /** Events held until what they refer to exists (with includeReleased, also those no longer held). */
  async heldEvents(filter: { topic?: string; includeReleased?: boolean; limit?: number } = {}): Promise<HeldEvent[]> {
    const query = new URLSearchParams();
    if (filter.topic) query.set('topic', filter.topic);
    if (filter.includeReleased) query.set('includeReleased', 'true');
    query.set('limit', String(filter.limit ?? 1000));
    const response = await this.request('GET', `/held-events?${query}`);
    if (response.status !== 200) throw new Error(`GET /held-events: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as HeldEvent[];
  }

  /** Stops waiting for a held event: it becomes a dead letter (replayable after a fix). */
  async giveUp(id: string, note: ReplayNote = {}): Promise<{ deadLetterId: string | null }> {
    const response = await this.request('POST', `/held-events/${encodeURIComponent(id)}/dead-letter`, note);
    if (response.status !== 200) throw new Error(`POST /held-events/${id}/dead-letter: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { deadLetterId: string | null };
  }

  private async request(method: string, path: string, payload?: object): Promise<{ status: number; body: unknown }> {
    const response = await this.fetchFn(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(payload ? { 'content-type': 'application/json' } : {}) },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
      signal: AbortSignal.timeout(60_000),
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

/** The replay audit as the CLI prints it, newest first. */
export function formatReplays(entries: ReplayAuditEntry[]): string {
  if (entries.length === 0) return 'no replays';
  return entries
    .map((e) => {
      const who = e.operator && e.operator !== e.replayedBy ? `${e.replayedBy} (operator ${e.operator})` : e.replayedBy;
      const line = `${e.requestedAt} #${e.deadLetterId} ${e.originalTopic} p${e.originalPartition}@${e.originalOffset} event=${e.eventId ?? '-'} ${e.reasonCode} by ${who}: ${e.outcome}`;
      const extra = [e.comment ? `comment: ${e.comment}` : '', e.detail ? `detail: ${e.detail}` : ''].filter(Boolean).join('; ');
      return extra ? `${line}\n      ${extra.replace(/\s+/g, ' ').slice(0, 300)}` : line;
    })
    .join('\n');
}

/** Held events per topic, each with what it waits for, as the CLI prints them. */
export function formatHeldByTopic(events: HeldEvent[]): string {
  if (events.length === 0) return 'no held events';
  const byTopic = new Map<string, HeldEvent[]>();
  for (const e of events) byTopic.set(e.topic, [...(byTopic.get(e.topic) ?? []), e]);
  const lines: string[] = [];
  for (const [topic, group] of [...byTopic].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${topic}: ${group.filter((e) => e.releasedAt === null).length} held event(s)`);
    for (const e of group) {
      const state = e.releasedAt ? `${e.outcome ?? 'released'} ${e.releasedAt}` : `held, expires ${e.expiresAt}`;
      lines.push(`  #${e.id} ${e.type} p${e.partition}@${e.offset} key=${e.key ?? '-'} waiting for ${e.waitingFor} since ${e.parkedAt} [${state}]`);
    }
  }
  return lines.join('\n');
}
