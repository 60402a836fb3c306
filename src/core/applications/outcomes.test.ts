import { describe, expect, it } from 'vitest';
import { primaryOutcome } from './outcomes.js';

describe('primaryOutcome', () => {
  it.each([
    [['disclosed'], 'disclosed'],
    [['disclosed', 'disclosed'], 'disclosed'],
    [['disclosed', 'withheld.state_secret'], 'partially_disclosed'],
    [['unable.not_held', 'disclosed'], 'partially_disclosed'],
    [['partially_disclosed', 'unable.not_held'], 'partially_disclosed'],
    [['unable.not_held', 'withheld.third_party_rights'], 'withheld.third_party_rights'],
    [['not_processed.duplicate', 'unable.needs_creation'], 'unable.needs_creation'],
    [['withheld.process_information', 'withheld.state_secret'], 'withheld.state_secret'],
  ] as const)('%j → %s', (parts, expected) => {
    expect(primaryOutcome(parts)).toBe(expected);
  });

  it('needs at least one part', () => {
    expect(() => primaryOutcome([])).toThrow();
  });
});
