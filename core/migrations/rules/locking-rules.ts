/** The rules about locks, transactions and well-formed SQL (one file each). */
import type { Rule } from '../types.ts';
import { addCheckWithoutNotValid } from './add-check-without-not-valid.ts';
import { addExclusionConstraint } from './add-exclusion-constraint.ts';
import { addForeignKeyWithoutNotValid } from './add-foreign-key-without-not-valid.ts';
import { addPrimaryKeyWithoutIndex } from './add-primary-key-without-index.ts';
import { addUniqueConstraintWithoutIndex } from './add-unique-constraint-without-index.ts';
import { alterDomainAddConstraint } from './alter-domain-add-constraint.ts';
import { alterEnumAddValueInTransaction } from './alter-enum-add-value-in-transaction.ts';
import { concurrentlyInTransaction } from './concurrently-in-transaction.ts';
import { createIndexConcurrentlyInTransaction } from './create-index-concurrently-in-transaction.ts';
import { dropIndexNonConcurrent } from './drop-index-non-concurrent.ts';
import { duplicateColumn } from './duplicate-column.ts';
import { dynamicSql } from './dynamic-sql.ts';
import { identifierTooLong } from './identifier-too-long.ts';
import { missingLockTimeout } from './missing-lock-timeout.ts';
import { nonConcurrentIndex } from './non-concurrent-index.ts';
import { reindexNonConcurrent } from './reindex-non-concurrent.ts';
import { serialArray } from './serial-array.ts';
import { setNotNull } from './set-not-null.ts';
import { syntaxError } from './syntax-error.ts';
import { transactionNesting } from './transaction-nesting.ts';
import { unbatchedBackfill } from './unbatched-backfill.ts';
import { uncommittedTransaction } from './uncommitted-transaction.ts';
import { validateInSameTransaction } from './validate-in-same-transaction.ts';

export const lockingRules: Rule[] = [
  nonConcurrentIndex,
  createIndexConcurrentlyInTransaction,
  concurrentlyInTransaction,
  dropIndexNonConcurrent,
  reindexNonConcurrent,
  addForeignKeyWithoutNotValid,
  validateInSameTransaction,
  addCheckWithoutNotValid,
  addUniqueConstraintWithoutIndex,
  addPrimaryKeyWithoutIndex,
  addExclusionConstraint,
  alterDomainAddConstraint,
  setNotNull,
  unbatchedBackfill,
  missingLockTimeout,
  uncommittedTransaction,
  transactionNesting,
  identifierTooLong,
  duplicateColumn,
  serialArray,
  syntaxError,
  dynamicSql,
  alterEnumAddValueInTransaction,
];
