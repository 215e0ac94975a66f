/**
 * Trusted roots: the shipped ones load, a --trusted-root file may be one JSON document or the JSON
 * lines `gh attestation trusted-root` prints, and a file that is neither says which and where.
 */
import { readFileSync } from 'node:fs';
import { FaultlineError } from '../../../../core/errors.ts';
import { parseTrustedRoots, shippedTrustedRoots } from '../../../../core/evidence/sigstore/trusted-roots.ts';

const shippedFile = (name: string) => readFileSync(new URL(`../../../../core/evidence/trust/${name}`, import.meta.url), 'utf8');

it('ships the public-good root (with its Rekor log) and GitHub\'s (without a log)', () => {
  const [publicGood, github] = shippedTrustedRoots();
  expect(publicGood!.root.tlogs.map((t) => t.baseUrl)).toContain('https://rekor.sigstore.dev');
  expect(publicGood!.root.certificateAuthorities.every((ca) => ca.uri === 'https://fulcio.sigstore.dev')).toBe(true);
  expect(github!.root.tlogs).toEqual([]);
  expect(github!.root.certificateAuthorities.every((ca) => ca.uri === 'fulcio.githubapp.com')).toBe(true);
});

it('reads JSON lines, naming each root by its file and line', () => {
  const jsonl = `${JSON.stringify(JSON.parse(shippedFile('public-good.trusted-root.json')))}\n${JSON.stringify(JSON.parse(shippedFile('github.trusted-root.json')))}\n`;
  expect(parseTrustedRoots(jsonl, 'roots.jsonl').map((r) => r.name)).toEqual(['roots.jsonl line 1', 'roots.jsonl line 2']);
});

it('refuses a file that is not a trusted root, saying what was expected', () => {
  expect(() => parseTrustedRoots('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}', 'bundle.json')).toThrow(/bundle\.json is not a Sigstore trusted root: expected "mediaType"/);
  expect(() => parseTrustedRoots('{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","certificateAuthorities":[]}', 'empty.json')).toThrow(/empty\.json names no certificate authority/);
  const firstLine = JSON.stringify(JSON.parse(shippedFile('github.trusted-root.json')));
  const broken = (() => {
    try {
      parseTrustedRoots(`${firstLine}\nnot json\n`, 'roots.jsonl');
    } catch (error) {
      return error as FaultlineError;
    }
  })();
  expect(broken).toBeInstanceOf(FaultlineError);
  expect(broken).toMatchObject({ exitCode: 2, file: 'roots.jsonl', line: 2, message: expect.stringMatching(/^roots\.jsonl is neither JSON nor JSON lines: line 2: /) });
});
