import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfigFile } from '../../cli/config-file.ts';

describe('finding .github/faultline.yml from a subfolder', () => {
  let top: string;
  let repo: string;
  beforeEach(() => {
    top = mkdtempSync(join(tmpdir(), 'faultline-config-'));
    repo = join(top, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'services', 'api', 'db'), { recursive: true });
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  it('finds the repository’s config from a nested folder, named as the user would reach it', () => {
    mkdirSync(join(repo, '.github'));
    writeFileSync(join(repo, '.github', 'faultline.yml'), 'chaos: {}\n');
    expect(findConfigFile(join(repo, 'services', 'api', 'db'))).toEqual({
      path: join(repo, '.github', 'faultline.yml'),
      shown: join('..', '..', '..', '.github', 'faultline.yml'),
      root: repo,
    });
    expect(findConfigFile(repo)).toMatchObject({ shown: join('.github', 'faultline.yml'), root: repo });
  });

  it('takes the nearest one', () => {
    for (const dir of [repo, join(repo, 'services')]) {
      mkdirSync(join(dir, '.github'));
      writeFileSync(join(dir, '.github', 'faultline.yml'), 'chaos: {}\n');
    }
    expect(findConfigFile(join(repo, 'services', 'api'))!.root).toBe(join(repo, 'services'));
  });

  it('stops at the repository root: a config above it belongs to something else', () => {
    mkdirSync(join(top, '.github'));
    writeFileSync(join(top, '.github', 'faultline.yml'), 'chaos: {}\n');
    expect(findConfigFile(join(repo, 'services'))).toBeUndefined();
  });

  it('ignores a folder of that name', () => {
    mkdirSync(join(repo, '.github', 'faultline.yml'), { recursive: true });
    expect(findConfigFile(join(repo, 'services'))).toBeUndefined();
  });
});
