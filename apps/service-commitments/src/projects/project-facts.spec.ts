import { validateEventData } from '#contracts';
import type { CommitmentEntity } from './commitment.entity.js';
import { projectFactsOf, taskIdsByCommitment } from './project-facts.js';
import type { ServiceProjectEntity } from './service-project.entity.js';

const PROJECT = {
  id: '5f1c2a4e-8b3d-4c6e-9a7f-1b2c3d4e5f60',
  orderId: 'SO-2026-0142',
  customerId: 'C-1007',
  customerName: 'Shakti Polymers Pvt Ltd',
  site: null,
  status: 'active',
  currency: 'INR',
  customerPoNumber: null,
  createdAt: new Date('2026-11-20T09:15:00Z'),
} as unknown as ServiceProjectEntity;

const INSTALL = 'c0000000-0000-4000-8000-000000000001';
const TRAINING = 'c0000000-0000-4000-8000-000000000002';

function commitment(id: string, orderLineId: string, taskKeys: string[]): CommitmentEntity {
  return {
    id,
    orderLineId,
    sku: 'SVC',
    kind: 'installation',
    unitIndex: 1,
    status: 'promised',
    forLineId: null,
    serialNumber: null,
    templateSnapshot: { name: 'Service', tasks: taskKeys.map((key) => ({ key })), billing: { kind: 'non_billable' } },
  } as unknown as CommitmentEntity;
}

function task(id: string, commitmentId: string | null, templateTaskKey: string) {
  return { id, commitmentId, templateTaskKey };
}

const id = (n: number) => `70000000-0000-4000-8000-00000000000${n}`;

describe('a project\'s task ids beside its task keys', () => {
  it('gives each unit the ids of its tasks in the order of its template task keys', () => {
    const commitments = [commitment(INSTALL, '20', ['prepare', 'install', 'commission']), commitment(TRAINING, '30', ['train'])];
    // As made: the order the template lists them, whatever order they are handed over in.
    const tasks = [task(id(4), TRAINING, 'train'), task(id(2), INSTALL, 'install'), task(id(1), INSTALL, 'prepare'), task(id(3), INSTALL, 'commission')];
    const facts = projectFactsOf(PROJECT, 'erp://plant-01', commitments, [], taskIdsByCommitment(tasks));
    expect(facts.commitments.map((c) => [c.commitmentId, c.taskKeys, c.taskIds])).toEqual([
      [INSTALL, ['prepare', 'install', 'commission'], [id(1), id(2), id(3)]],
      [TRAINING, ['train'], [id(4)]],
    ]);
    expect(validateEventData('psa.service-project.created.v1', facts)).toMatchObject({ ok: true });
  });

  it('takes the first task of a key: the one made with the unit, not a later follow-up or further visit', () => {
    const commitments = [commitment(INSTALL, '20', ['install'])];
    const facts = projectFactsOf(PROJECT, 'erp://plant-01', commitments, [], taskIdsByCommitment([task(id(1), INSTALL, 'install'), task(id(2), INSTALL, 'install')]));
    expect(facts.commitments[0].taskIds).toEqual([id(1)]);
  });

  it('takes the tasks of a key the template lists twice in turn, so no id stands for two keys', () => {
    const commitments = [commitment(INSTALL, '20', ['visit', 'visit'])];
    const facts = projectFactsOf(PROJECT, 'erp://plant-01', commitments, [], taskIdsByCommitment([task(id(1), INSTALL, 'visit'), task(id(2), INSTALL, 'visit')]));
    expect(facts.commitments[0].taskIds).toEqual([id(1), id(2)]);
    expect(validateEventData('psa.service-project.created.v1', facts)).toMatchObject({ ok: true });
  });

  it('says nothing of the ids when a key has no task, rather than ids that do not line up with the keys', () => {
    const commitments = [commitment(INSTALL, '20', ['install', 'commission']), commitment(TRAINING, '30', ['train'])];
    const facts = projectFactsOf(PROJECT, 'erp://plant-01', commitments, [], taskIdsByCommitment([task(id(1), INSTALL, 'install'), task(id(5), null, 'train')]));
    expect(facts.commitments.map((c) => c.taskIds)).toEqual([null, null]);
    expect(validateEventData('psa.service-project.created.v1', facts)).toMatchObject({ ok: true });
  });
});
