// Runs after the job's steps whatever happened (post-if: always()): success, failure, cancellation.
import { cleanUp } from './cleanup.ts';
// The kubernetes driver loads @kubernetes/client-node as a chunk of its own, which uses
// jsonpath-plus. The main step bundles jsonpath-plus anyway (the http probe); without it here the
// post step's bundle would inline it into its own copy of that chunk, a second ~19 MB file. With it,
// both steps share one chunk (test/actions/failover-verify-dist.test.ts checks the size).
import 'jsonpath-plus';

void cleanUp();
