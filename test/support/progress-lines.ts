/**
 * stderr without the CLI's progress lines (`lint files: …`). A run that outlasts its quiet time, as
 * any does on a loaded machine, reports progress there; tests that want "nothing else on stderr"
 * compare what is left.
 */
export function withoutProgress(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/^[a-z ]+: \d+\/\d+ \(\d+%\)/.test(line))
    .join('\n');
}
