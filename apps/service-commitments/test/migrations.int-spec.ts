import { checkMigrations } from '#testing';
import { SERVICE_COMMITMENTS_ENTITIES, SERVICE_COMMITMENTS_MIGRATIONS } from '../src/service-commitments.database.js';

describe('service-commitments migrations', () => {
  it('build exactly the schema the entities describe, and undo cleanly', async () => {
    const result = await checkMigrations(SERVICE_COMMITMENTS_ENTITIES, SERVICE_COMMITMENTS_MIGRATIONS);
    expect(result.applied).toEqual([
      'CreateMessagingTables1764000000000',
      'CreateServiceProjects1764000000100',
      'SeedDemoCatalogue1764000000200',
      'EquipmentAmcAndTaskLifecycle1764000000300',
      'ServiceRequestsAndEscalations1764000000400',
      'CommitmentBillingLines1764000000500',
      'CreateDeadLetterReplays1764500000000',
      'DeadLetterPublishedAt1764600000000',
      'TaskActivity1764700000000',
      'CustomerSites1764800000000',
      'MessagingRetentionIndexes1764900000000',
      'OutboxNotifyTrigger1765000000000',
      'LookupIndexes1765200000000',
      'MessagingLookupIndexes1765300000000',
      'StaffListIndexes1765300000000',
      'NextSlaCheck1765400000000',
      'HttpIdempotency1765800000000',
      'OutboxEventAsJson1766200000000',
    ]);
    expect(result.drift).toEqual([]);
    expect(result.tablesAfterUndo).toEqual([]);
  });
});
