import { parseSync } from 'libpg-query';
import { generateMigration } from '../../../bench/generate-migration.ts';
import { lintSource } from '../../../core/migrations/lint.ts';
import { ParseAheadThread } from '../../../core/migrations/parse-ahead.ts';
import { loadParser, parseMigration, SYNTAX_ERROR_KIND, useParseAheadThread } from '../../../core/migrations/parse.ts';

await loadParser();

const helperModule = new URL('../../../core/migrations/parse-helper.ts', import.meta.url);

/** `count` chunks of SQL, each a few statements naming its own table. */
const chunksOf = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `CREATE TABLE t${i} (id bigint);\nCREATE INDEX t${i}_id ON t${i} (id);\nALTER TABLE t${i} ADD COLUMN c text;`);

/** A job of chunks without DO statements. */
const plain = (chunks: string[]) => ({ chunks, doStatements: chunks.map(() => []) });

/** Sleeps without giving up the thread, like a linter busy with the chunk before. */
const busyFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('ParseAheadThread', () => {
  let thread: ParseAheadThread;
  beforeAll(async () => {
    thread = new ParseAheadThread(helperModule);
    expect(await thread.ready()).toBe(true);
  });
  afterAll(() => thread.stop());

  it('hands back, in order, the same tree for every chunk as parsing it here would', () => {
    const chunks = chunksOf(40);
    const job = thread.begin(plain(chunks))!;
    try {
      chunks.forEach((sql, index) => {
        expect(job.take(index)?.tree).toEqual(parseSync(sql));
        if (index % 3 === 0) busyFor(5);
      });
    } finally {
      job.close();
    }
  });

  it('leaves a chunk that does not parse to the caller and carries on with the next ones', () => {
    const chunks = chunksOf(20);
    chunks[7] = 'CREATE TABLE broken (id bigint;';
    const job = thread.begin(plain(chunks))!;
    try {
      chunks.forEach((sql, index) => {
        const tree = job.take(index)?.tree;
        if (index === 7) expect(tree).toBeUndefined();
        else expect(tree).toEqual(parseSync(sql));
        busyFor(2);
      });
    } finally {
      job.close();
    }
  });

  it('takes the next file after one that was closed before every chunk was taken (a visitor that threw)', () => {
    const abandoned = thread.begin(plain(chunksOf(30)))!;
    abandoned.take(0);
    abandoned.close();
    const chunks = chunksOf(10).map((sql) => sql.replaceAll('t', 'u'));
    const job = thread.begin(plain(chunks))!;
    try {
      chunks.forEach((sql, index) => {
        expect(job.take(index)?.tree).toEqual(parseSync(sql));
      });
    } finally {
      job.close();
    }
  });

  it('sends with a chunk the parser answers for the SQL inside its DO blocks', () => {
    const body = "BEGIN\n  EXECUTE 'CREATE INDEX t_x ON t (x)';\n  ALTER TABLE t ADD COLUMN y int;\nEND";
    const doBlock = `DO $$${body}$$;`;
    const chunks = Array.from({ length: 8 }, (_, i) => `SELECT ${i};\n${doBlock}`);
    const at = chunks[0]!.indexOf('DO');
    const job = thread.begin({ chunks, doStatements: chunks.map((): [number, number][] => [[at, at + doBlock.length]]) })!;
    const answered = new Set<string>();
    try {
      chunks.forEach((_, index) => {
        for (const key of job.take(index)?.prepared?.keys() ?? []) answered.add(key);
        busyFor(5);
      });
    } finally {
      job.close();
    }
    expect([...answered]).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^plpgsql:CREATE FUNCTION/),
        "sql:SELECT 'CREATE INDEX t_x ON t (x)'",
        'sql:CREATE INDEX t_x ON t (x)',
        'sql:ALTER TABLE t ADD COLUMN y int',
      ]),
    );
  });

  it('parses here at once when the helper fails on a job, rather than wait for it to fall silent', async () => {
    const failing = new ParseAheadThread(helperModule);
    expect(await failing.ready()).toBe(true);
    // A job the helper cannot read: it says so through the shared status and stops serving.
    const job = failing.begin({ chunks: undefined, doStatements: [] } as unknown as Parameters<ParseAheadThread['begin']>[0])!;
    const started = performance.now();
    expect(job.take(0)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(failing.begin(plain(chunksOf(2)))).toBeUndefined();
    job.close();
    await failing.stop();
  });

  it('gives up on a helper that does not start, without waiting for the event loop to say so', () => {
    const broken = new ParseAheadThread(new URL('file:///nonexistent/parse-helper.js'));
    const job = broken.begin(plain(chunksOf(12)))!;
    const started = performance.now();
    expect(job.take(0)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(job.take(1)).toBeUndefined();
    job.close();
    return broken.stop();
  });

  it('leaves every chunk to the caller when the helper cannot start', async () => {
    const broken = new ParseAheadThread(new URL('file:///nonexistent/parse-helper.js'));
    expect(await broken.ready()).toBe(false);
    expect(broken.begin(plain(chunksOf(12)))).toBeUndefined();
    await broken.stop();
  });
});

describe('parseMigration on a file large enough for the parse-ahead thread', () => {
  beforeAll(() => useParseAheadThread(helperModule));
  afterAll(() => useParseAheadThread(undefined));

  // 3,000 statements: 15 chunks of 200, past the size where a second thread starts.
  const tables = Array.from({ length: 1_000 }, (_, i) => `CREATE TABLE t${i} (id bigint);\nCREATE INDEX t${i}_id ON t${i} (id);\nSELECT ${i};`);

  it('gives every statement its kind and line, exactly as a small file does', () => {
    const { statements } = parseMigration(tables.join('\n'), 'big.sql');
    expect(statements).toHaveLength(3_000);
    expect(statements.map((s) => s.index)).toEqual(statements.map((_, i) => i));
    expect(statements[2_997]).toMatchObject({ kind: 'CreateStmt', line: 2_998, column: 1, text: 'CREATE TABLE t999 (id bigint)' });
    expect(statements[2_999]).toMatchObject({ kind: 'SelectStmt', line: 3_000, text: 'SELECT 999' });
  });

  it('expands DO blocks exactly as without the helper, from the answers it prepared', () => {
    const withDo = tables.map((sql, i) => (i % 50 === 7 ? `${sql}\nDO $$BEGIN EXECUTE 'CREATE INDEX d${i} ON t${i} (id)'; END$$;` : sql));
    const text = withDo.join('\n');
    const withHelper = parseMigration(text, 'big.sql').statements;
    useParseAheadThread(undefined);
    const alone = parseMigration(text, 'big.sql').statements;
    useParseAheadThread(helperModule);
    const shape = (s: (typeof alone)[number]) => ({ kind: s.kind, line: s.line, column: s.column, text: s.text, node: s.node, doBlock: s.doBlock });
    expect(withHelper.filter((s) => s.fromDoBlock)).toHaveLength(20);
    expect(withHelper.map(shape)).toEqual(alone.map(shape));
  });

  it('lints a realistic history to exactly the findings a single thread finds', () => {
    const { sql } = generateMigration(4_000);
    const withHelper = lintSource(sql, 'V1__history.sql');
    useParseAheadThread(undefined);
    const alone = lintSource(sql, 'V1__history.sql');
    useParseAheadThread(helperModule);
    expect(withHelper.statements).toBe(alone.statements);
    expect(withHelper.findings.length).toBeGreaterThan(50);
    expect(withHelper.findings).toEqual(alone.findings);
  });

  it('places a syntax error deep in the file on its own line and keeps the statements around it', () => {
    const lines = [...tables];
    lines[600] = 'CREATE TABLEE t600 (id bigint);\nCREATE INDEX t600_id ON t600 (id);\nSELECT 600;';
    const { statements } = parseMigration(lines.join('\n'), 'big.sql');
    const errors = statements.filter((s) => s.kind === SYNTAX_ERROR_KIND);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1_801, node: { message: 'syntax error at or near "TABLEE"', line: 1_801, column: 8 } });
    expect(statements).toHaveLength(3_000);
    expect(statements[1_801]).toMatchObject({ kind: 'IndexStmt', line: 1_802 });
  });
});
