/**
 * Rules about changing the shape of existing data: adding, changing, dropping and renaming columns
 * and tables, table-rewriting maintenance commands, and column type choices.
 */
import type { Rule } from '../types.ts';
import { addColumnAutoIncrement } from './add-column-auto-increment.ts';
import { addColumnDefaultPre11 } from './add-column-default-pre-11.ts';
import { addColumnGeneratedStored } from './add-column-generated-stored.ts';
import { addColumnNotNullWithoutDefault } from './add-column-not-null-without-default.ts';
import { addColumnVolatileDefault } from './add-column-volatile-default.ts';
import { addJsonColumn } from './add-json-column.ts';
import { banCharType } from './ban-char-type.ts';
import { changeColumnType } from './change-column-type.ts';
import { cluster } from './cluster.ts';
import { detachPartitionNonConcurrent } from './detach-partition-non-concurrent.ts';
import { dropColumn } from './drop-column.ts';
import { dropDatabase } from './drop-database.ts';
import { dropNotNull } from './drop-not-null.ts';
import { dropSchema } from './drop-schema.ts';
import { dropTable } from './drop-table.ts';
import { preferBigint } from './prefer-bigint.ts';
import { preferIdentity } from './prefer-identity.ts';
import { preferText } from './prefer-text.ts';
import { preferTimestamptz } from './prefer-timestamptz.ts';
import { refreshMatviewNonConcurrent } from './refresh-matview-non-concurrent.ts';
import { renameColumn } from './rename-column.ts';
import { renameEnumValue } from './rename-enum-value.ts';
import { renameSchema } from './rename-schema.ts';
import { renameTable } from './rename-table.ts';
import { setLoggedUnlogged } from './set-logged-unlogged.ts';
import { setTablespace } from './set-tablespace.ts';
import { truncate } from './truncate.ts';
import { truncateCascade } from './truncate-cascade.ts';
import { vacuumFull } from './vacuum-full.ts';

export const schemaChangeRules: Rule[] = [
  addColumnVolatileDefault,
  addColumnDefaultPre11,
  addColumnAutoIncrement,
  addColumnGeneratedStored,
  addColumnNotNullWithoutDefault,
  addJsonColumn,
  dropNotNull,
  changeColumnType,
  dropTable,
  dropColumn,
  dropSchema,
  dropDatabase,
  renameColumn,
  renameTable,
  renameSchema,
  renameEnumValue,
  vacuumFull,
  cluster,
  truncate,
  truncateCascade,
  refreshMatviewNonConcurrent,
  detachPartitionNonConcurrent,
  setLoggedUnlogged,
  setTablespace,
  banCharType,
  preferBigint,
  preferIdentity,
  preferText,
  preferTimestamptz,
];
