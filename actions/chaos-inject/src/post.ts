// Runs after the job's steps whatever happened (post-if: always()): success, failure, cancellation.
import { rollbackLeftovers } from './rollback.ts';

void rollbackLeftovers();
