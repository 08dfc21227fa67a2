import 'reflect-metadata';
import { jest } from '@jest/globals';
import { Column, CreateDateColumn, DataSource, Entity, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { dropDatabase, ensureDatabase } from './database.js';
import { insertMany, upsertMany } from './insert-many.js';

@Entity('machine_visit')
class MachineVisit {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'serial_number' }) serialNumber!: string;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) fee!: string;
  @Column({ type: 'jsonb', nullable: true }) checklist!: string[] | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('machine_fact')
@Unique(['serialNumber', 'site'])
class MachineFact {
  @PrimaryColumn({ name: 'machine_id' }) machineId!: string;
  @Column({ name: 'serial_number' }) serialNumber!: string;
  @Column() site!: string;
  @Column({ type: 'text', nullable: true }) customer!: string | null;
  @Column({ type: 'text', default: 'active' }) status!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('visit_note')
class VisitNote {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'date', name: 'visit_date' }) visitDate!: string;
  @Column({ type: 'timestamptz', name: 'signed_at', nullable: true }) signedAt!: Date | null;
  @Column({ type: 'boolean', default: false }) billable!: boolean;
  @Column({ type: 'int', default: 1 }) engineers!: number;
  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true }) hours!: string | null;
  @Column({ type: 'uuid', array: true, name: 'task_ids', default: () => "'{}'" }) taskIds!: string[];
  @Column({ type: 'jsonb', nullable: true }) details!: unknown;
}

@Entity('json_only')
class JsonOnly {
  @PrimaryGeneratedColumn('increment') id!: number;
  @Column({ type: 'jsonb', nullable: true }) body!: unknown;
}

@Entity('json_text')
class JsonText {
  @PrimaryGeneratedColumn('increment') id!: number;
  @Column({ type: 'text', nullable: true }) label!: string | null;
  @Column({ type: 'json', nullable: true }) body!: unknown;
}

// A throwaway database with its schema made from the entities (no migrations to test here).
const url = `postgres://postgres@127.0.0.1:5432/sltest_insert_many_${process.pid}`;
let db: DataSource;

beforeAll(async () => {
  await ensureDatabase(url);
  db = new DataSource({ type: 'postgres', url, entities: [MachineVisit, MachineFact, VisitNote, JsonOnly, JsonText], synchronize: true });
  await db.initialize();
});

afterAll(async () => {
  await db?.destroy();
  await dropDatabase(url);
});

beforeEach(async () => {
  await db.query('TRUNCATE machine_visit, machine_fact, visit_note, json_only, json_text');
});

describe('insertMany', () => {
  it('writes every row with its values and reads generated ids and timestamps back into the entities', async () => {
    const visits = Array.from({ length: 2500 }, (_, i) => db.manager.create(MachineVisit, { serialNumber: `SN-${i}`, fee: `${i}.50`, checklist: i % 2 ? ['level', 'run'] : null }));
    await insertMany(db.manager, MachineVisit, visits);
    const rows: { id: string; serial_number: string; fee: string; checklist: string[] | null; created_at: Date }[] = await db.query('SELECT * FROM machine_visit ORDER BY fee');
    expect(rows).toHaveLength(2500);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const visit of visits) {
      expect(visit.createdAt).toBeInstanceOf(Date);
      expect(byId.get(visit.id)).toEqual({ id: visit.id, serial_number: visit.serialNumber, fee: visit.fee, checklist: visit.checklist, created_at: visit.createdAt });
    }
  });

  it('fails on a duplicate key, or skips it with ignoreConflicts', async () => {
    await insertMany(db.manager, MachineFact, [{ machineId: 'M-1', serialNumber: 'SN-1', site: 'Pune', customer: 'C-1' }]);
    await expect(insertMany(db.manager, MachineFact, [{ machineId: 'M-1', serialNumber: 'SN-9', site: 'Pune', customer: 'C-9' }])).rejects.toMatchObject({ driverError: { code: '23505' } });
    await insertMany(db.manager, MachineFact, [{ machineId: 'M-1', serialNumber: 'SN-9', site: 'Pune', customer: 'C-9' }, { machineId: 'M-2', serialNumber: 'SN-2', site: 'Pune', customer: null }], { ignoreConflicts: true });
    expect(await db.query('SELECT machine_id, serial_number, customer, status FROM machine_fact ORDER BY machine_id')).toEqual([
      { machine_id: 'M-1', serial_number: 'SN-1', customer: 'C-1', status: 'active' },
      { machine_id: 'M-2', serial_number: 'SN-2', customer: null, status: 'active' },
    ]);
  });
});

describe('insertMany: values as they are written', () => {
  const notes = () => db.query('SELECT text, visit_date::text AS date, signed_at, billable, engineers, hours, task_ids, details FROM visit_note ORDER BY engineers, text');
  /** The INSERT statements insertMany sent: rows go as one array per column where they can, else as VALUES. */
  const insertsDuring = async (work: () => Promise<void>): Promise<string[]> => {
    const query = jest.spyOn(db.manager, 'query');
    try {
      await work();
      return query.mock.calls.map(([sql]) => sql).filter((sql) => sql.startsWith('INSERT'));
    } finally {
      query.mockRestore();
    }
  };

  it('keeps text with quotes, backslashes, braces, commas and the word NULL, and JSON of every kind, as it was, and each type as given', async () => {
    const texts = ['He said "level it"', 'C:\\plant\\line 2', '{a,b}', 'NULL', 'naïve, ünïcode ✓', ''];
    const details = [{ note: 'said "ok", \\ done', parts: [{ sku: 'KIT-1', qty: 2 }] }, null, 'a JSON string', [1, 'two', { three: null }], 42, { empty: {} }];
    const inserts = await insertsDuring(() =>
      insertMany(
        db.manager,
        VisitNote,
        texts.map((text, i) => ({ text, visitDate: '2026-11-27', signedAt: new Date('2026-11-27T10:15:30.123Z'), billable: i % 2 === 0, engineers: i + 1, hours: i === 0 ? null : `${i}.25`, details: details[i] })),
      ),
    );
    expect(inserts).toEqual([expect.stringContaining('FROM unnest(')]);
    expect(await notes()).toEqual(
      texts.map((text, i) => ({ text, date: '2026-11-27', signed_at: new Date('2026-11-27T10:15:30.123Z'), billable: i % 2 === 0, engineers: i + 1, hours: i === 0 ? null : `${i}.25`, task_ids: [], details: details[i] })),
    );
  });

  it('sends a JSON value that many rows share once, each row still getting its own, across statements of 5,000 rows', async () => {
    const level = ['level', 'run'];
    const calibrate = ['calibrate'];
    const query = jest.spyOn(db.manager, 'query');
    const visits = Array.from({ length: 5200 }, (_, i) => ({ serialNumber: `SN-${i}`, fee: `${i}.00`, checklist: [level, calibrate, null][i % 3] }));
    try {
      // Equal JSON from different objects counts as one value too.
      visits[4].checklist = ['calibrate'];
      await insertMany(db.manager, MachineVisit, visits);
      const inserts = query.mock.calls.filter(([sql]) => sql.startsWith('INSERT'));
      expect(inserts).toHaveLength(2);
      for (const [sql, parameters] of inserts) {
        expect(sql).toContain('::int[])[u.n::int]');
        // The checklists go as one JSON array of the three values, not one per row.
        expect(parameters).toContainEqual('[["level","run"],["calibrate"],null]');
      }
    } finally {
      query.mockRestore();
    }
    const rows: { serial_number: string; checklist: string[] | null }[] = await db.query('SELECT serial_number, checklist FROM machine_visit');
    expect(rows).toHaveLength(5200);
    const checklistOf = new Map(rows.map((r) => [r.serial_number, r.checklist]));
    visits.forEach((visit, i) => expect([i, checklistOf.get(visit.serialNumber)]).toEqual([i, visit.checklist]));
  });

  it('writes rows whose only columns are jsonb', async () => {
    const inserts = await insertsDuring(() => insertMany(db.manager, JsonOnly, [{ body: { a: 1 } }, { body: null }, { body: ['x'] }]));
    expect(inserts).toEqual([expect.stringContaining('generate_series(')]);
    expect(await db.query('SELECT body FROM json_only ORDER BY id')).toEqual([{ body: { a: 1 } }, { body: null }, { body: ['x'] }]);
    // And when rows repeat a value.
    await db.query('TRUNCATE json_only');
    const shared = { a: 1 };
    await insertMany(db.manager, JsonOnly, [{ body: shared }, { body: null }, { body: shared }, { body: null }]);
    expect(await db.query('SELECT body FROM json_only ORDER BY id')).toEqual([{ body: { a: 1 } }, { body: null }, { body: { a: 1 } }, { body: null }]);
  });

  it('writes json columns as the text given and nulls as NULL, from one JSON array split beside the text arrays', async () => {
    const bodies = [{ note: 'said "ok", \\ done', parts: [{ sku: 'KIT-1', qty: 2 }] }, null, 'a JSON string', [1, 'two', { three: null }], 42, { empty: {} }, 'naïve ✓'];
    const inserts = await insertsDuring(() => insertMany(db.manager, JsonText, bodies.map((body, i) => ({ label: `row ${i}`, body }))));
    expect(inserts).toEqual([expect.stringContaining('json_array_elements(')]);
    expect(await db.query('SELECT label, body::text AS body FROM json_text ORDER BY id')).toEqual(
      bodies.map((body, i) => ({ label: `row ${i}`, body: body === null ? null : JSON.stringify(body) })),
    );
    // Only a json column given, over more rows than one statement takes.
    await db.query('TRUNCATE json_text');
    const statements = await insertsDuring(() => insertMany(db.manager, JsonText, Array.from({ length: 5200 }, (_, i) => ({ body: { n: i } }))));
    expect(statements).toHaveLength(2);
    const rows: { label: string | null; body: string }[] = await db.query('SELECT label, body::text AS body FROM json_text ORDER BY id');
    expect(rows).toHaveLength(5200);
    expect(rows.filter((row, i) => row.label !== null || row.body !== `{"n":${i}}`)).toEqual([]);
  });

  it('applies a column default to the rows that leave it out when other rows give it', async () => {
    const inserts = await insertsDuring(() =>
      insertMany(db.manager, VisitNote, [
        { text: 'given', visitDate: '2026-11-27', billable: true, engineers: 2 },
        { text: 'left out', visitDate: '2026-11-28' },
      ]),
    );
    expect(inserts).toEqual([expect.stringMatching(/VALUES .*DEFAULT/)]);
    expect((await notes()).map((n: { text: string; billable: boolean; engineers: number }) => [n.text, n.billable, n.engineers])).toEqual([
      ['left out', false, 1],
      ['given', true, 2],
    ]);
  });

  it('writes array columns', async () => {
    const taskIds = ['6f1c8a2e-1b7d-4c55-9a3e-2d5b8f0c1a11', '0b9e4d37-52c8-4e0f-8a61-7c3d2e9f4b22'];
    const inserts = await insertsDuring(() =>
      insertMany(db.manager, VisitNote, [
        { text: 'two tasks', visitDate: '2026-11-27', engineers: 1, taskIds },
        { text: 'none', visitDate: '2026-11-27', engineers: 2, taskIds: [] },
      ]),
    );
    expect(inserts).toEqual([expect.stringContaining(' VALUES ')]);
    expect((await notes()).map((n: { task_ids: string[] }) => n.task_ids)).toEqual([taskIds, []]);
  });
});

describe('upsertMany', () => {
  it('inserts new rows and overwrites the given columns of existing ones, keeping the rest', async () => {
    await insertMany(db.manager, MachineFact, [{ machineId: 'M-1', serialNumber: 'SN-1', site: 'Pune', customer: 'C-1', status: 'retired' }]);
    await upsertMany(db.manager, MachineFact, [
      { machineId: 'M-1', serialNumber: 'SN-1', site: 'Nashik', customer: null },
      { machineId: 'M-2', serialNumber: 'SN-2', site: 'Pune', customer: 'C-2' },
    ], ['machineId']);
    expect(await db.query('SELECT machine_id, serial_number, site, customer, status FROM machine_fact ORDER BY machine_id')).toEqual([
      { machine_id: 'M-1', serial_number: 'SN-1', site: 'Nashik', customer: null, status: 'retired' },
      { machine_id: 'M-2', serial_number: 'SN-2', site: 'Pune', customer: 'C-2', status: 'active' },
    ]);
  });

  it('sets the update date of an updated row anew', async () => {
    await insertMany(db.manager, MachineFact, [{ machineId: 'M-1', serialNumber: 'SN-1', site: 'Pune', customer: 'C-1' }]);
    await db.query(`UPDATE machine_fact SET updated_at = '2020-01-01T00:00:00Z'`);
    await upsertMany(db.manager, MachineFact, [{ machineId: 'M-1', serialNumber: 'SN-1', site: 'Pune', customer: 'C-2' }], ['machineId']);
    const [{ updated_at: updatedAt }] = await db.query('SELECT updated_at FROM machine_fact');
    expect(updatedAt.getTime()).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('matches on several conflict columns, and of two rows for one key the later wins', async () => {
    await insertMany(db.manager, MachineFact, [{ machineId: 'M-1', serialNumber: 'SN-1', site: 'Pune', customer: 'C-1' }]);
    await upsertMany(db.manager, MachineFact, [
      { machineId: 'M-1', serialNumber: 'SN-1', site: 'Pune', customer: 'C-7' },
      { machineId: 'M-1', serialNumber: 'SN-1', site: 'Pune', customer: 'C-8' },
    ], ['serialNumber', 'site']);
    expect(await db.query('SELECT machine_id, customer FROM machine_fact')).toEqual([{ machine_id: 'M-1', customer: 'C-8' }]);
  });

  it('refuses a conflict path that is not a column, naming it', async () => {
    await expect(upsertMany(db.manager, MachineFact, [{ machineId: 'M-1' }], ['machineNo' as never])).rejects.toThrow('MachineFact has no column machineNo');
  });
});
