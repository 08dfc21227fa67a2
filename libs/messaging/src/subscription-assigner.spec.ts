import { AssignerProtocol } from 'kafkajs';
import { assignBySubscription, bySubscriptionAssigner, type GroupSubscriber } from './subscription-assigner.js';

const six = () => [0, 1, 2, 3, 4, 5];

/** Every partition of every subscribed topic, as "topic/partition", once per owner. */
function owned(assignment: Map<string, Record<string, number[]>>): string[] {
  return [...assignment.values()].flatMap((own) => Object.entries(own).flatMap(([topic, ps]) => ps.map((p) => `${topic}/${p}`)));
}

describe('assignBySubscription', () => {
  it('gives each topic only to the members that subscribed to it, every partition exactly once', () => {
    // Two instances of a service, each with one consumer per topic.
    const members: GroupSubscriber[] = ['a', 'b'].flatMap((instance) => [
      { memberId: `${instance}-orders`, topics: ['orders'] },
      { memberId: `${instance}-dispatches`, topics: ['dispatches'] },
    ]);
    const assignment = assignBySubscription(members, six);
    for (const member of members) {
      expect(Object.keys(assignment.get(member.memberId)!)).toEqual(member.topics);
      expect(assignment.get(member.memberId)![member.topics[0]]).toHaveLength(3);
    }
    expect(owned(assignment).sort()).toEqual([...six().map((p) => `dispatches/${p}`), ...six().map((p) => `orders/${p}`)].sort());
  });

  it('spreads the partitions of several topics evenly over members that subscribed to all of them', () => {
    const members = [
      { memberId: 'm2', topics: ['x', 'y'] },
      { memberId: 'm1', topics: ['y', 'x'] },
      { memberId: 'm3', topics: ['x', 'y'] },
    ];
    const assignment = assignBySubscription(members, (topic) => (topic === 'x' ? [0, 1] : [0, 1, 2, 3]));
    const counts = [...assignment.values()].map((own) => Object.values(own).flat().length);
    expect(counts).toEqual([2, 2, 2]);
    expect(owned(assignment)).toHaveLength(6);
    expect(new Set(owned(assignment)).size).toBe(6);
  });

  it('gives the same answer whichever member computes it (the order members are listed in does not matter)', () => {
    const members = [
      { memberId: 'c', topics: ['t1'] },
      { memberId: 'a', topics: ['t1', 't2'] },
      { memberId: 'b', topics: ['t2'] },
    ];
    const one = assignBySubscription(members, six);
    const other = assignBySubscription([...members].reverse(), six);
    expect([...other].sort()).toEqual([...one].sort());
  });

  it('gives a member with nothing to consume an empty assignment, and a topic nobody wants to no one', () => {
    const assignment = assignBySubscription([{ memberId: 'only', topics: [] }], six);
    expect(assignment.get('only')).toEqual({});
  });
});

describe('bySubscriptionAssigner (the kafkajs protocol)', () => {
  it('reads each member subscription from its join metadata and encodes assignments kafkajs can decode', async () => {
    const learned: string[][] = [];
    const cluster = {
      addMultipleTargetTopics: async (topics: string[]) => {
        learned.push(topics);
      },
      findTopicPartitionMetadata: (topic: string) => (topic === 'orders' ? [0, 1, 2] : [0, 1]).map((partitionId) => ({ partitionId })),
    };
    const assigner = bySubscriptionAssigner({ cluster: cluster as never, groupId: 'g', logger: undefined as never });
    const join = (topics: string[]) => assigner.protocol({ topics }).metadata;
    const result = await assigner.assign({
      members: [
        { memberId: 'one', memberMetadata: join(['orders']) },
        { memberId: 'two', memberMetadata: join(['dispatches']) },
      ],
      topics: ['orders'], // the leader's own subscription only
    });
    expect(learned).toEqual([['orders', 'dispatches']]);
    const decoded = Object.fromEntries(result.map((r) => [r.memberId, AssignerProtocol.MemberAssignment.decode(r.memberAssignment)!.assignment]));
    expect(decoded).toEqual({ one: { orders: [0, 1, 2] }, two: { dispatches: [0, 1] } });
  });
});
