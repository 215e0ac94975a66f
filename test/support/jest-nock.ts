/**
 * Test files share a jest worker process, and nock patches process-wide `fetch` and `http`. Each
 * file gets its own nock module instance, so one left active would intercept (and refuse) the next
 * file's requests. Every file therefore ends by restoring nock and opening the network again.
 */
import nock from 'nock';

afterAll(() => {
  nock.cleanAll();
  nock.restore();
  nock.enableNetConnect();
});
