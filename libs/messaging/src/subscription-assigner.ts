import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/** One member of a consumer group and the topics it asked for. */
export interface GroupSubscriber {
  memberId: string;
  topics: string[];
}

/**
 * Who consumes which partition: each topic's partitions go only to the members
 * that subscribed to it, every partition to exactly one of them, each next
 * partition to the subscriber with the fewest so far (ties: lowest member id),
 * so that the same group gives the same answer whichever member computes it.
 */
export function assignBySubscription(members: GroupSubscriber[], partitionsOf: (topic: string) => number[]): Map<string, Record<string, number[]>> {
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const assignment = new Map<string, Record<string, number[]>>(sorted.map((m) => [m.memberId, {}]));
  const load = new Map<string, number>(sorted.map((m) => [m.memberId, 0]));
  const topics = [...new Set(sorted.flatMap((m) => m.topics))].sort();
  for (const topic of topics) {
    const subscribers = sorted.filter((m) => m.topics.includes(topic));
    for (const partition of [...partitionsOf(topic)].sort((a, b) => a - b)) {
      let chosen = subscribers[0];
      for (const candidate of subscribers) if (load.get(candidate.memberId)! < load.get(chosen.memberId)!) chosen = candidate;
      const own = assignment.get(chosen.memberId)!;
      (own[topic] ??= []).push(partition);
      load.set(chosen.memberId, load.get(chosen.memberId)! + 1);
    }
  }
  return assignment;
}

export const SUBSCRIPTION_ASSIGNER_NAME = 'ServiceLoopBySubscription';

/**
 * A kafkajs partition assigner for a group whose members subscribe to different
 * topics: a service runs one consumer per topic in its one group, so that a
 * burst on one topic does not hold up the others (kafkajs fetches again only
 * when every batch of the last fetch is applied). kafkajs's own round-robin
 * assigner hands any member any topic's partitions, and a member drops what it
 * did not subscribe to, so those partitions would not be consumed.
 *
 * Each member says what it subscribed to in its join metadata; the leader reads
 * them all. While members that only know round-robin are in the group (during a
 * rolling update from a version with one consumer), the group agrees on
 * round-robin: partitions that land on a consumer of another topic (or, with a
 * new member leading, every topic but its own, which round-robin does not hand
 * out at all) then wait until those members are gone; nothing is lost or
 * applied twice (apps/service-commitments/test/rolling-update.int-spec.ts).
 */
export const bySubscriptionAssigner: PartitionAssigner = ({ cluster }) => ({
  name: SUBSCRIPTION_ASSIGNER_NAME,
  version: 0,
  async assign({ members }) {
    const subscribers = members.map(({ memberId, memberMetadata }) => ({
      memberId,
      topics: AssignerProtocol.MemberMetadata.decode(memberMetadata)?.topics ?? [],
    }));
    // The leader knows the partitions of its own topics only: learn the others' too.
    await cluster.addMultipleTargetTopics([...new Set(subscribers.flatMap((s) => s.topics))]);
    const assignment = assignBySubscription(subscribers, (topic) => cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId));
    return [...assignment].map(([memberId, own]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: own, userData: Buffer.alloc(0) }),
    }));
  },
  protocol({ topics }) {
    return {
      name: SUBSCRIPTION_ASSIGNER_NAME,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});
