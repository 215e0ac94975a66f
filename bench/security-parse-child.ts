/**
 * One measured security-gate run over a file, in its own process so peak RSS is the gate's alone:
 * read, JSON.parse, the snyk parser, fingerprints and evaluation, timed apart. Prints
 * one JSON line.
 */
import { readFileSync } from 'node:fs';
import { evaluateSecurityGate } from '../core/security/gate.ts';
import { parseJsonText, readReport } from '../core/security/read-report.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: security-parse-child.ts FILE');
const t0 = performance.now();
const text = readFileSync(file, 'utf8');
const t1 = performance.now();
const document = parseJsonText(text, file);
const tJson = performance.now();
const reports = readReport(document, file, { root: '/repo' });
const t2 = performance.now();
const outcome = evaluateSecurityGate({ reports, failOn: 'high' });
const t3 = performance.now();
const raw = reports.reduce((n, r) => n + r.findings.length, 0);
process.stdout.write(`${JSON.stringify({ readMs: t1 - t0, jsonParseMs: tJson - t1, parseMs: t2 - t1, evaluateMs: t3 - t2, raw, findings: outcome.findings.length })}\n`);
