import { exampleEvent, type ServiceProjectCreatedV1 } from '#contracts';
import { taskIdsOfProject, uuidArrayLiteral } from './project-tasks.js';

const T1 = '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4001';
const T2 = '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4002';
const T3 = '9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4003';

function project(taskIds: (string[] | null | undefined)[]): ServiceProjectCreatedV1 {
  const data = structuredClone(exampleEvent<ServiceProjectCreatedV1>('psa.service-project.created.v1').data);
  data.commitments = taskIds.map((ids, i) => ({ ...data.commitments[0], commitmentId: `0b6a6a52-1c1f-4f57-8f0e-2f4a3c9d100${i}`, taskIds: ids }));
  return data;
}

describe("a project's task ids", () => {
  it("are every unit's task ids, each once, in lower case as parking keys have them", () => {
    expect(taskIdsOfProject(project([[T1, T2], null, [T3.toUpperCase()], undefined, [T1]]))).toEqual([T1, T2, T3]);
  });

  it('are none for an event from before the contract carried them, or a project with no service units', () => {
    expect(taskIdsOfProject(project([undefined, null]))).toEqual([]);
    expect(taskIdsOfProject(project([]))).toEqual([]);
  });

  it('go to PostgreSQL as one array literal per project', () => {
    expect(uuidArrayLiteral([T1, T2])).toBe(`{${T1},${T2}}`);
    expect(uuidArrayLiteral([])).toBe('{}');
  });
});
