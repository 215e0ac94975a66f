import { servicesTouched } from '../../../core/gates/services.ts';

describe('services a change touches', () => {
  const services = {
    checkout: ['services/checkout/**', 'libs/payments/**'],
    search: ['services/search/**'],
    docs: ['**/*.md'],
  };

  it('maps changed paths to services through their globs', () => {
    expect(servicesTouched(['services/checkout/api/handler.ts', 'README.md'], services)).toEqual(['checkout', 'docs']);
    expect(servicesTouched(['libs/payments/card.ts'], services)).toEqual(['checkout']);
  });

  it('touches nothing when no glob matches', () => {
    expect(servicesTouched(['infra/main.tf'], services)).toEqual([]);
    expect(servicesTouched([], services)).toEqual([]);
  });
});
