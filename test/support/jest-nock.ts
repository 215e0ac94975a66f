/**
 * Test files share a jest worker process, and nock patches process-wide `fetch` and `http`. Each
 * file gets its own nock module instance, so one left active would intercept (and refuse) the next
 * file's requests. Every file therefore ends by restoring nock and opening the network again.
 *
 * nock is imported only after the file's tests: importing it activates it, and an active nock
 * changes even plain sockets (a connect to a closed port looks successful), so files that do not
 * use nock must run without it.
 */
afterAll(async () => {
  const { default: nock } = await import('nock');
  nock.cleanAll();
  nock.restore();
  nock.enableNetConnect();
});
