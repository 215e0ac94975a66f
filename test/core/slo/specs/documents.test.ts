import { splitYamlDocuments } from '../../../../core/slo/specs/documents.ts';

describe('splitting a multi-document YAML stream', () => {
  it('returns each document padded so its lines keep their numbers in the file', () => {
    const text = '# header\na: 1\n---\nb: 2\n--- # third\nc: |\n  text\n...\n';
    const docs = splitYamlDocuments(text);
    expect(docs.map((d) => d.startLine)).toEqual([1, 3, 5]);
    expect(docs[1]!.text.split('\n')[3]).toBe('b: 2');
    expect(docs[2]!.text.split('\n')[5]).toBe('c: |');
  });

  it('skips documents with nothing but comments or markers', () => {
    expect(splitYamlDocuments('---\n# only a comment\n---\n\n')).toEqual([]);
    expect(splitYamlDocuments('--- {a: 1}\n')).toHaveLength(1);
  });
});
