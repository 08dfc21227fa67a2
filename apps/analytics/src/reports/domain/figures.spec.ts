import { agingBucket, firstTimeFixPercent, fixed2, margin, marginPercent, mean, percentOf, utilizationPercent } from './figures.js';

describe('report figures', () => {
  it('utilization is billable ÷ available, one decimal half up, empty without available hours', () => {
    expect(utilizationPercent('30', '40')).toBe('75.0');
    expect(utilizationPercent('1', '3')).toBe('33.3');
    expect(utilizationPercent('2', '3')).toBe('66.7');
    expect(utilizationPercent('5', '0')).toBe('');
  });

  it('percentages round half up at one decimal', () => {
    expect(percentOf(1, 8)).toBe('12.5');
    expect(percentOf(1, 16)).toBe('6.3');
    expect(firstTimeFixPercent(2, 3)).toBe('66.7');
  });

  it('margin is revenue minus cost; margin % of revenue, empty without revenue', () => {
    expect(margin('1000.00', '650.50')).toBe('349.50');
    expect(marginPercent('1000.00', '650.50')).toBe('35.0');
    expect(margin('0', '120')).toBe('-120.00');
    expect(marginPercent('0', '120')).toBe('');
  });

  it('amounts are reported with two decimals, half up, in decimal arithmetic', () => {
    expect(fixed2('0.105')).toBe('0.11');
    expect(fixed2(0.1 + 0.2)).toBe('0.30');
    expect(fixed2(null)).toBe('0.00');
  });

  it('ages fall into 0–30, 31–60, 61–90 and 90+ day buckets', () => {
    expect(agingBucket(-3)).toBe('d0_30');
    expect(agingBucket(0)).toBe('d0_30');
    expect(agingBucket(30)).toBe('d0_30');
    expect(agingBucket(31)).toBe('d31_60');
    expect(agingBucket(60)).toBe('d31_60');
    expect(agingBucket(61)).toBe('d61_90');
    expect(agingBucket(90)).toBe('d61_90');
    expect(agingBucket(91)).toBe('d90_plus');
  });

  it('means have one decimal and are empty without observations', () => {
    expect(mean(7, 2)).toBe('3.5');
    expect(mean('10', 3)).toBe('3.3');
    expect(mean(0, 0)).toBe('');
  });
});
