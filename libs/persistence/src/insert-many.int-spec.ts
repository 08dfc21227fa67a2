import 'reflect-metadata';
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

// A throwaway database with its schema made from the entities (no migrations to test here).
const url = `postgres://postgres@127.0.0.1:5432/sltest_insert_many_${process.pid}`;
let db: DataSource;

beforeAll(async () => {
  await ensureDatabase(url);
  db = new DataSource({ type: 'postgres', url, entities: [MachineVisit, MachineFact], synchronize: true });
  await db.initialize();
});

afterAll(async () => {
  await db?.destroy();
  await dropDatabase(url);
});

beforeEach(async () => {
  await db.query('TRUNCATE machine_visit, machine_fact');
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
