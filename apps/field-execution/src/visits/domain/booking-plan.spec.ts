import { planBooking, planCancellation } from './booking-plan.js';
import { visitIdFor } from './visit-identity.js';
import { isOnDay, localDate, localDateTime } from './visit-day.js';

const A = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0001';
const B = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0002';
const C = 'e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f0003';

describe('visits from a booking', () => {
  it('makes one visit per engineer of the crew', () => {
    expect(planBooking([], [A, B])).toEqual({ create: [A, B], update: [], revive: [], cancel: [], keep: [] });
  });

  it('moves visits not started, cancels those of engineers who left, books those who joined, keeps what started', () => {
    const plan = planBooking(
      [
        { engineerId: A, status: 'in_progress' },
        { engineerId: B, status: 'scheduled' },
        { engineerId: C, status: 'cancelled' },
      ],
      [A, C],
    );
    expect(plan).toEqual({ create: [], update: [], revive: [C], cancel: [B], keep: [A] });
    expect(planBooking([{ engineerId: B, status: 'scheduled' }], [B]).update).toEqual([B]);
    expect(planBooking([{ engineerId: B, status: 'completed' }], [A]).keep).toEqual([B]);
  });

  it('cancels only visits not started when the booking is cancelled', () => {
    expect(planCancellation([{ engineerId: A, status: 'scheduled' }, { engineerId: B, status: 'in_progress' }, { engineerId: C, status: 'cancelled' }])).toEqual({
      cancel: [A],
      keep: [B],
    });
  });

  it('names a visit by booking and engineer: the same pair, the same UUIDv5', () => {
    const booking = '3c5d7e9f-1a2b-4c3d-8e4f-5a6b7c8d0401';
    expect(visitIdFor(booking, A)).toBe(visitIdFor(booking.toUpperCase(), A));
    expect(visitIdFor(booking, A)).not.toBe(visitIdFor(booking, B));
    expect(visitIdFor(booking, A)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("a visit's day on the site's calendar", () => {
  const kolkata = 'Asia/Kolkata';
  it('puts a stretch on its local date, not its UTC date', () => {
    // 20:30 UTC on 29 Nov is 02:00 on 30 Nov in Pune.
    expect(localDate(new Date('2026-11-29T20:30:00Z'), kolkata)).toBe('2026-11-30');
    expect(localDateTime(new Date('2026-11-30T04:35:00Z'), kolkata)).toBe('2026-11-30 10:05');
    expect(isOnDay([{ start: '2026-11-29T20:30:00Z', end: '2026-11-29T23:00:00Z' }], '2026-11-30', kolkata)).toBe(true);
    expect(isOnDay([{ start: '2026-11-29T20:30:00Z', end: '2026-11-29T23:00:00Z' }], '2026-11-29', kolkata)).toBe(false);
    expect(isOnDay([{ start: '2026-11-29T20:30:00Z', end: '2026-11-29T23:00:00Z' }], '2026-11-29', null)).toBe(true);
  });

  it('finds each working day of a visit over several days, and not the days between', () => {
    const segments = [
      { start: '2026-11-27T04:30:00Z', end: '2026-11-27T11:30:00Z' },
      { start: '2026-11-30T04:30:00Z', end: '2026-11-30T11:30:00Z' },
    ];
    expect(['2026-11-27', '2026-11-28', '2026-11-30'].map((d) => isOnDay(segments, d, kolkata))).toEqual([true, false, true]);
  });

  it('does not count a stretch ending at midnight on the next day; an instant is on its own day', () => {
    expect(isOnDay([{ start: '2026-11-30T18:30:00Z', end: '2026-11-30T18:30:00Z' }], '2026-12-01', kolkata)).toBe(true);
    expect(isOnDay([{ start: '2026-11-30T14:30:00Z', end: '2026-11-30T18:30:00Z' }], '2026-12-01', kolkata)).toBe(false);
  });
});
