import { isPlainSelector, renderWindow, toWindowTemplate } from '../../../../core/slo/specs/query-template.ts';

describe('normalising spec queries into {{window}} templates', () => {
  it('keeps a query that already places the window, in any of the spellings', () => {
    expect(toWindowTemplate('sum(rate(x[{{window}}]))')).toEqual({ template: 'sum(rate(x[{{window}}]))' });
    expect(toWindowTemplate('sum(rate(x[{{.window}}])) / sum(rate(y[{{ .window }}]))')).toEqual({
      template: 'sum(rate(x[{{window}}])) / sum(rate(y[{{window}}]))',
    });
  });

  it('wraps a plain counter selector in sum(rate(…[{{window}}]))', () => {
    expect(toWindowTemplate('http_requests_total{code=~"5..",path="/a}b"}')).toEqual({
      template: 'sum(rate(http_requests_total{code=~"5..",path="/a}b"}[{{window}}]))',
    });
    expect(toWindowTemplate('  up  ')).toEqual({ template: 'sum(rate(up[{{window}}]))' });
    expect(toWindowTemplate('{__name__="x"}')).toEqual({ template: 'sum(rate({__name__="x"}[{{window}}]))' });
  });

  it('replaces fixed ranges by the window, but not brackets inside label values', () => {
    expect(toWindowTemplate('sum(rate(x{path="/[id]"}[5m])) / sum(increase(y[1h30m]))')).toEqual({
      template: 'sum(rate(x{path="/[id]"}[{{window}}])) / sum(increase(y[{{window}}]))',
    });
  });

  it('refuses subqueries and queries without any place for a window, saying what to write', () => {
    const sub = toWindowTemplate('max_over_time(rate(x[5m])[1h:1m])');
    expect(sub).toMatchObject({ problem: expect.stringContaining('subquery [1h:1m]') });
    const none = toWindowTemplate('sum(http_requests_total)');
    expect(none).toMatchObject({
      problem: expect.stringContaining('neither a range nor {{window}}'),
      hint: expect.stringContaining('[{{window}}]'),
    });
    expect(toWindowTemplate('   ')).toMatchObject({ problem: 'the query is empty' });
  });

  it('tells selectors from expressions', () => {
    expect(isPlainSelector('a_b:c{x="1"}')).toBe(true);
    expect(isPlainSelector('sum(a)')).toBe(false);
    expect(isPlainSelector('a{x="1"} / b')).toBe(false);
    expect(isPlainSelector('a{x="1"')).toBe(false);
  });

  it('renders a template for a concrete window', () => {
    expect(renderWindow('a[{{window}}] / b[{{window}}]', '28d')).toBe('a[28d] / b[28d]');
  });
});
