/**
 * The rows one batch of events reads and writes, kept in memory between the
 * batch's bulk load and its bulk upsert. Handlers see and change rows here;
 * `engineer_day` is never loaded: what changes is each fact's contribution to it,
 * added in one upsert (see contributions.ts).
 */
export type Row = Record<string, unknown>;

export type TableName =
  | 'engineer'
  | 'time_entry'
  | 'project'
  | 'commitment'
  | 'task'
  | 'service_request'
  | 'equipment'
  | 'coverage'
  | 'dispatched_unit'
  | 'visit'
  | 'billing_line'
  | 'invoice_request'
  | 'escalation';

/** Primary key column of each row-kept table (all single text keys). */
export const PRIMARY_KEYS: Record<TableName, string> = {
  engineer: 'engineer_id',
  time_entry: 'time_entry_id',
  project: 'project_id',
  commitment: 'commitment_id',
  task: 'task_id',
  service_request: 'request_id',
  equipment: 'serial_number',
  coverage: 'coverage_key',
  dispatched_unit: 'unit_key',
  visit: 'booking_id',
  billing_line: 'line_id',
  invoice_request: 'invoice_request_id',
  escalation: 'escalation_id',
};

export interface AvailabilityFact {
  engineerId: string;
  workDate: string;
  minutes: number;
  changedAt: string;
}

export class BatchState {
  /** Rows as loaded from the database (undefined: not there). */
  readonly original = new Map<TableName, Map<string, Row | undefined>>();
  /** Rows as the batch leaves them. */
  readonly current = new Map<TableName, Map<string, Row>>();
  readonly dirty = new Map<TableName, Set<string>>();
  /** Latest availability per engineer and day within the batch. */
  readonly availability = new Map<string, AvailabilityFact>();

  loaded(table: TableName, key: string, row: Row | undefined): void {
    let originals = this.original.get(table);
    if (!originals) this.original.set(table, (originals = new Map()));
    originals.set(key, row);
    if (row) this.currentOf(table).set(key, row);
  }

  get(table: TableName, key: string): Row | undefined {
    return this.current.get(table)?.get(key);
  }

  put(table: TableName, row: Row): void {
    const key = String(row[PRIMARY_KEYS[table]]);
    this.currentOf(table).set(key, row);
    let dirty = this.dirty.get(table);
    if (!dirty) this.dirty.set(table, (dirty = new Set()));
    dirty.add(key);
  }

  setAvailability(fact: AvailabilityFact): void {
    const key = `${fact.engineerId}|${fact.workDate}`;
    const known = this.availability.get(key);
    if (!known || !isBefore(fact.changedAt, known.changedAt)) this.availability.set(key, fact);
  }

  private currentOf(table: TableName): Map<string, Row> {
    let rows = this.current.get(table);
    if (!rows) this.current.set(table, (rows = new Map()));
    return rows;
  }
}

/** True when instant a is strictly before instant b (null/undefined is before everything). */
export function isBefore(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b !== null && b !== undefined;
  if (b === null || b === undefined) return false;
  return Date.parse(String(a)) < Date.parse(String(b));
}

/** An event at `incoming` may overwrite a row last written at `stored`: not older (ties: the later record wins). */
export function mayOverwrite(stored: unknown, incoming: unknown): boolean {
  return !isBefore(incoming, stored);
}
