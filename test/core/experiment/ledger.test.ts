import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultDriver } from '../../../core/drivers/types.ts';
import { Ledger, type LedgerEntry, revertAll } from '../../../core/experiment/ledger.ts';
import { type LocalService, startLocalService } from '../../support/local-service.ts';
import { testDrivers } from './harness.ts';

function entry(faultId: string, extra: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    faultId,
    driver: 'process',
    experiment: 'x',
    activity: `activity ${faultId}`,
    owner: 'sre',
    params: {},
    undoText: 'SIGCONT',
    target: 'pid 1',
    state: 'injecting',
    ttlSeconds: 60,
    recordedAt: new Date().toISOString(),
    expiresAt: new Date().toISOString(),
    ...extra,
  };
}

describe('the fault ledger', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-ledger-'));
    path = join(dir, 'nested', 'ledger.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps entries in a file only its owner can read, and removes the file when empty', () => {
    const ledger = new Ledger(path);
    ledger.record(entry('a'));
    ledger.markInjected('a', { action: 'stop', targets: [] });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8')).entries[0]).toMatchObject({ faultId: 'a', state: 'injected', undo: { action: 'stop' } });
    ledger.remove('a');
    expect(existsSync(path)).toBe(false);
    expect(ledger.entries()).toEqual([]);
  });

  it('reports entries whose injection never finished and that carry no undo record', async () => {
    new Ledger(path).record(entry('half'));
    const messages: string[] = [];
    const report = await revertAll(path, { drivers: testDrivers, log: (m) => messages.push(m) });
    expect(report.unconfirmed.map((e) => e.faultId)).toEqual(['half']);
    expect(messages[0]).toContain('was being injected when the run stopped; check by hand: SIGCONT');
    expect(existsSync(path)).toBe(false);
  });

  it('keeps an entry whose driver fails to revert, for the next attempt', async () => {
    const failing: FaultDriver = {
      ...testDrivers.process!,
      revert: async () => {
        throw new Error('api down');
      },
    };
    const ledger = new Ledger(path);
    ledger.record(entry('stuck', { state: 'injected', undo: { any: 1 } }));
    const report = await revertAll(path, { drivers: { process: failing } });
    expect(report.failed).toEqual([expect.objectContaining({ error: 'api down' })]);
    expect(ledger.entries().map((e) => e.faultId)).toEqual(['stuck']);
  });

  it('names a damaged ledger file', () => {
    const ledger = new Ledger(join(dir, 'broken.json'));
    writeFileSync(ledger.path, '{ not json');
    expect(() => ledger.entries()).toThrow(/cannot read the fault ledger/);
  });

  describe('with a real stopped process', () => {
    let service: LocalService;
    beforeEach(async () => {
      service = await startLocalService();
    });
    afterEach(() => service.stop());

    it('continues a process another run stopped, from the ledger alone', async () => {
      const driver = testDrivers.process!;
      const params = driver.validate({ action: 'stop', pid: service.pid, ttl: 60 });
      const injected = await driver.inject(params, { faultId: 'crashed', owner: 'sre', signal: new AbortController().signal, log: () => undefined });
      new Ledger(path).record(entry('crashed', { state: 'injected', undo: injected.undo, params }));
      expect(service.state()).toBe('T');
      const report = await revertAll(path, { drivers: testDrivers });
      expect(report.reverted.map((e) => e.faultId)).toEqual(['crashed']);
      expect(service.state()).not.toBe('T');
      expect(existsSync(path)).toBe(false);
    });
  });
});
