import { shadowFileFromSql } from '../../../core/migrations/shadow-input.ts';

describe('shadow-run input from a migration file', () => {
  it('lists top-level statements with the line and column of their first token, without the semicolon', () => {
    const file = shadowFileFromSql(
      'db/V2__orders.sql',
      "-- orders get a status\nALTER TABLE orders\n  ADD COLUMN status text;   /* then index it */  CREATE INDEX CONCURRENTLY orders_status ON orders (status);\n;\n",
    );
    expect(file).toEqual({
      path: 'db/V2__orders.sql',
      statements: [
        { text: 'ALTER TABLE orders\n  ADD COLUMN status text', line: 2, column: 1, index: 0 },
        { text: 'CREATE INDEX CONCURRENTLY orders_status ON orders (status)', line: 3, column: 50, index: 1 },
      ],
    });
  });

  it('keeps a DO block whole, semicolons inside its dollar-quoted body included', () => {
    const sql = "DO $$\nBEGIN\n  EXECUTE 'CREATE INDEX orders_a ON orders (a)';\nEND\n$$;\nSELECT 1;";
    const { statements } = shadowFileFromSql('m.sql', sql);
    expect(statements.map((statement) => [statement.line, statement.text.split('\n')[0]])).toEqual([
      [1, 'DO $$'],
      [6, 'SELECT 1'],
    ]);
  });

  it('passes text the parser would reject through, so the server reports its own error', () => {
    const { statements } = shadowFileFromSql('m.sql', 'ALTER TABLE orders ADD COLUMN;\nSELECT 2');
    expect(statements.map((statement) => statement.text)).toEqual(['ALTER TABLE orders ADD COLUMN', 'SELECT 2']);
  });

  it('marks files that only build the schema', () => {
    expect(shadowFileFromSql('old.sql', 'SELECT 1;', { contextOnly: true }).contextOnly).toBe(true);
  });
});
