/**
 * The checkout is the pull request's: a symbolic link in it must not redirect a file an action
 * writes (result, SARIF, journal) or reads (experiment, config) out of the workspace, and path
 * inputs stay inside it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultlineError } from '../../../core/errors.ts';
import { decodeUtf8, existingFileInWorkspace, pathInWorkspace, writeWorkspaceFile } from '../../../actions/shared/workspace-files.ts';

let workspace: string;
let outside: string;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-ws-'));
  outside = mkdtempSync(join(tmpdir(), 'faultline-outside-'));
  writeFileSync(join(outside, 'bashrc'), 'original\n');
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('writeWorkspaceFile', () => {
  it('writes inside the workspace, creating folders', () => {
    const written = writeWorkspaceFile(workspace, 'reports/result.json', '{}\n', 'result file');
    expect(written).toBe(join(workspace, 'reports/result.json'));
    expect(readFileSync(written, 'utf8')).toBe('{}\n');
  });

  it('refuses a result path that is a symbolic link out of the workspace, naming it, and leaves the target alone', () => {
    symlinkSync(join(outside, 'bashrc'), join(workspace, 'faultline-result.json'));
    expect(() => writeWorkspaceFile(workspace, 'faultline-result.json', 'pwned', 'result file')).toThrow(
      `result file: refusing faultline-result.json: ${join(workspace, 'faultline-result.json')} is a symbolic link to ${join(outside, 'bashrc')}, outside the workspace ${workspace}`,
    );
    expect(readFileSync(join(outside, 'bashrc'), 'utf8')).toBe('original\n');
  });

  it('refuses a dangling link and a folder that links out', () => {
    symlinkSync(join(outside, 'new-file'), join(workspace, 'dangling.json'));
    expect(() => writeWorkspaceFile(workspace, 'dangling.json', 'x', 'result file')).toThrow(/symbolic link/);
    symlinkSync(outside, join(workspace, 'reports'));
    expect(() => writeWorkspaceFile(workspace, 'reports/out.sarif', 'x', 'sarif-file')).toThrow(
      `sarif-file: refusing reports/out.sarif: ${join(workspace, 'reports')} is a symbolic link to ${outside}, outside the workspace ${workspace}`,
    );
    expect(() => writeWorkspaceFile(workspace, 'reports/deeper/out.sarif', 'x', 'sarif-file')).toThrow(/symbolic link/);
  });

  it('follows a link that stays inside the workspace', () => {
    mkdirSync(join(workspace, 'real'));
    symlinkSync(join(workspace, 'real'), join(workspace, 'alias'));
    writeWorkspaceFile(workspace, 'alias/result.json', 'ok', 'result file');
    expect(readFileSync(join(workspace, 'real/result.json'), 'utf8')).toBe('ok');
  });
});

describe('pathInWorkspace', () => {
  it('refuses .. leading out and absolute paths elsewhere', () => {
    expect(() => pathInWorkspace(workspace, '../journal.json', 'input journal-path')).toThrow(`input journal-path: '../journal.json' is outside the workspace ${workspace}`);
    expect(() => pathInWorkspace(workspace, '/etc/passwd', 'input experiment')).toThrow(/is outside the workspace/);
    expect(pathInWorkspace(workspace, 'a/../b.json', 'x')).toBe(join(workspace, 'b.json'));
    expect(pathInWorkspace(workspace, join(workspace, 'c.json'), 'x')).toBe(join(workspace, 'c.json'));
  });
});

describe('existingFileInWorkspace', () => {
  it('refuses to read through a link out of the workspace', () => {
    symlinkSync(join(outside, 'bashrc'), join(workspace, 'experiment.yaml'));
    expect(() => existingFileInWorkspace(workspace, 'experiment.yaml', 'input experiment')).toThrow(/refusing experiment\.yaml: .* is a symbolic link to .*outside the workspace/);
  });
});

describe('decodeUtf8', () => {
  it('refuses bytes that are not UTF-8, naming the file', () => {
    let error: FaultlineError | undefined;
    try {
      decodeUtf8(Buffer.from([0x6d, 0x69, 0xff, 0xfe]), '.github/faultline.yml');
    } catch (caught) {
      error = caught as FaultlineError;
    }
    expect(error?.format()).toMatch(/^\.github\/faultline\.yml: is not UTF-8 text\n {2}hint: save the file as UTF-8/);
    expect(decodeUtf8(Buffer.from('h\u00e9', 'utf8'), 'x')).toBe('h\u00e9');
  });
});
