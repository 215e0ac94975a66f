/**
 * `faultline evidence pack|verify|upload|keygen`: tamper-evident drill evidence. A face: parse the
 * arguments once, call core/evidence, print, pick the exit code (0 verified / done, 1 tampered, a
 * bad or refused signature, or unsigned when a signature is required, 2 bad input or an unreachable store).
 */
import { writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { FaultlineError } from '../../core/errors.ts';
import { folderReader } from '../../core/evidence/bundle-reader.ts';
import { githubRunFacts, runContext } from '../../core/evidence/context.ts';
import { generateKeyPair } from '../../core/evidence/dsse.ts';
import { keyFileSigner } from '../../core/evidence/key-signer.ts';
import { packEvidence } from '../../core/evidence/pack.ts';
import { renderVerifyText } from '../../core/evidence/report-text.ts';
import { renderVerifyMarkdown } from '../../core/evidence/report-verify-markdown.ts';
import { type VerifyReport, verifyBundle } from '../../core/evidence/verify.ts';
import { type CliCommand, type CliIO, writeLine } from '../io.ts';
import { parse, usageError } from './evidence-args.ts';
import { type VerifyFormat, verifyArgs, verifyOptions } from './evidence-verify-options.ts';

const USAGE = `Usage:
  faultline evidence pack [--out DIR] [--name NAME] [--key PRIVATE.pem] PATH|GLOB...
  faultline evidence verify [--public-key PUBLIC.pem | --signer-repo OWNER/REPO [--signer-workflow PATH]]
                            [--require-signature] [--trusted-root FILE] [--format text|json|markdown] BUNDLE
  faultline evidence verify [--endpoint URL] [same options] s3://BUCKET/PREFIX
  faultline evidence upload BUNDLE --to s3://BUCKET/PREFIX [--endpoint URL] [--lock compliance|governance]
                            [--retain 30d] [--legal-hold] [--kms-key-id ID]
  faultline evidence keygen --out NAME      writes NAME.key (ed25519 private, 0600) and NAME.pub

pack options:
  --out DIR              folder the bundle is created in (default: the current folder)
  --name NAME            bundle name, also its folder name under --out (default faultline-evidence)
  --key FILE             sign the statement with this ed25519 private key (PEM, PKCS#8)
  --secret-env NAME      refuse files containing the value of environment variable NAME (repeatable)

verify options:
  --public-key FILE      the signature must verify with this ed25519 public key (PEM)
  --signer-repo OWNER/REPO  a Sigstore signature counts only from a workflow run in this repository
  --signer-workflow PATH the signing workflow, e.g. .github/workflows/dr-drill.yml (with --signer-repo),
                         or OWNER/REPO/.github/workflows/x.yml for a reusable workflow
  --cert-oidc-issuer URL OIDC issuer the signing certificate must name
                         (default https://token.actions.githubusercontent.com)
  --trusted-root FILE    Sigstore trusted root(s), JSON or JSON lines ('gh attestation trusted-root');
                         default: the public-good and GitHub roots shipped with faultline
  --require-signature    an unsigned bundle, or a Sigstore one whose signer was not checked, fails (exit 1)
  --format FORMAT        text (default), json or markdown
  --endpoint URL         S3-compatible endpoint (path-style), e.g. http://127.0.0.1:7480
  --version-id ID        the manifest.json version to verify (default: the first one written)

upload options:
  --to s3://BUCKET/PREFIX  store the bundle directly under PREFIX (manifest.json last)
  --lock MODE            Object Lock mode: compliance (default) or governance
  --retain DURATION      retention from now: 30d, 12h, 1y (default 30d)
  --legal-hold           also place a legal hold on every object
  --kms-key-id ID        encrypt with SSE-KMS and this key
  Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID..., profiles, roles).

Exit codes: 0 verified (pack/upload/keygen: done), 1 tampered, incomplete, a signature that does
not verify or whose signer the options refuse, or unsigned when a signature is required, 2 bad
input or an unreachable store.`;

const abs = (path: string, io: CliIO) => (isAbsolute(path) ? path : resolve(io.cwd, path));

async function pack(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    name: { type: 'string', default: 'faultline-evidence' },
    key: { type: 'string' },
    'secret-env': { type: 'string', multiple: true },
  });
  const name = values.name as string;
  if (!/^[\w.-]+$/.test(name) || name === '.' || name === '..') throw usageError(`--name "${name}" must be a plain folder name (letters, digits, . _ -)`);
  const secrets = ((values['secret-env'] as string[] | undefined) ?? []).map((variable) => {
    const value = io.env[variable];
    if (!value) throw usageError(`--secret-env ${variable}: the variable is not set`);
    return value;
  });
  const dir = join(abs((values.out as string | undefined) ?? '.', io), name);
  const bundle = await packEvidence({
    patterns: positionals,
    cwd: io.cwd,
    dir,
    name,
    context: runContext(githubRunFacts(io.env)),
    secrets,
    ...(values.key ? { signer: keyFileSigner(abs(values.key as string, io)) } : {}),
  });
  const bytes = bundle.manifest.files.reduce((sum, f) => sum + f.size, 0);
  writeLine(io.stdout, `packed ${bundle.manifest.files.length} file(s), ${bytes} bytes, into ${dir}`);
  writeLine(io.stdout, bundle.manifest.signature ? `signed: ${bundle.manifest.signature.kind} key ${bundle.manifest.signature.keyId}` : 'unsigned (give --key to sign)');
  writeLine(io.stdout, `bundle digest ${bundle.digest}`);
  return 0;
}

function renderVerify(report: VerifyReport, format: VerifyFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'markdown' ? renderVerifyMarkdown(report) : renderVerifyText(report);
}

async function verify(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, verifyArgs);
  if (positionals.length !== 1) throw usageError('give exactly one bundle folder or s3://bucket/prefix');
  const target = positionals[0]!;
  const { options, format } = await verifyOptions(values, io);
  // The AWS SDK is loaded only for S3: it roughly doubles the CLI's start-up memory.
  const report = target.startsWith('s3://')
    ? await (await import('./evidence-s3.ts')).verifyS3(target, { endpoint: values.endpoint as string | undefined, versionId: values['version-id'] as string | undefined }, options, io)
    : await verifyBundle(folderReader(abs(target, io)), options);
  io.stdout.write(renderVerify(report, format));
  return report.verified ? 0 : 1;
}

async function keygen(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' } });
  if (!values.out) throw usageError('--out NAME is required (writes NAME.key and NAME.pub)');
  const base = abs(values.out as string, io);
  const pair = generateKeyPair();
  try {
    writeFileSync(`${base}.key`, pair.privateKeyPem, { flag: 'wx', mode: 0o600 });
    writeFileSync(`${base}.pub`, pair.publicKeyPem, { flag: 'wx', mode: 0o644 });
  } catch (error) {
    throw new FaultlineError(`cannot write ${base}.key / ${base}.pub: ${(error as Error).message}`, { hint: 'pick a name whose files do not exist yet' });
  }
  writeLine(io.stdout, `wrote ${base}.key (private, keep it secret) and ${base}.pub (public, key id ${pair.keyId})`);
  return 0;
}

const upload = async (args: string[], io: CliIO) => (await import('./evidence-s3.ts')).upload(args, io);

const SUBCOMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = { pack, verify, upload, keygen };

export const command: CliCommand = {
  name: 'evidence',
  summary: 'pack drill evidence into signed, tamper-evident bundles; verify them; store them in S3 with Object Lock',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
      writeLine(sub ? io.stdout : io.stderr, USAGE);
      return sub ? 0 : 2;
    }
    const handler = SUBCOMMANDS[sub];
    if (!handler) throw usageError(`unknown subcommand "evidence ${sub}"; expected one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
    return handler(rest, io);
  },
};
