// Runs after the job's steps whatever happened (post-if: always()): success, failure, cancellation.
import { cleanUp } from './cleanup.ts';

void cleanUp();
