/**
 * The facts a migration file builds up as it runs, as plain collections that a savepoint can copy
 * and ROLLBACK TO can put back (see MigrationState, which reads and updates them).
 */
import type { KnownColumnTypes } from './column-types.ts';
import type { TimeoutSetting } from './settings.ts';
import type { NotValidConstraint, RelationName } from './types.ts';

export type Timeouts = Record<TimeoutSetting, number | undefined>;

/** Relations by name, each with the schemas it was created in ('' = unqualified). */
export class RelationSet {
  private readonly byName = new Map<string, Set<string>>();

  add(relation: RelationName): void {
    let schemas = this.byName.get(relation.name);
    if (!schemas) this.byName.set(relation.name, (schemas = new Set()));
    schemas.add(relation.schema ?? '');
  }

  /** An unqualified name on either side matches any schema: migrations rarely mix the two. */
  has(relation: RelationName): boolean {
    const schemas = this.byName.get(relation.name);
    if (!schemas) return false;
    if (relation.schema === undefined || schemas.has('')) return true;
    return schemas.has(relation.schema);
  }

  delete(relation: RelationName): void {
    const schemas = this.byName.get(relation.name);
    if (!schemas) return;
    if (relation.schema === undefined) this.byName.delete(relation.name);
    else {
      schemas.delete(relation.schema);
      schemas.delete('');
      if (schemas.size === 0) this.byName.delete(relation.name);
    }
  }

  replaceWith(other: RelationSet): void {
    this.byName.clear();
    for (const [name, schemas] of other.byName) this.byName.set(name, new Set(schemas));
  }
}

export class FileState {
  readonly created = new RelationSet();
  readonly createdColumns = new Map<string, Set<string>>();
  readonly notValid = new Map<string, NotValidConstraint>();
  readonly accessExclusive = new Set<string>();
  readonly enumValues = new Map<string, Set<string>>();
  session: Timeouts = { lock_timeout: undefined, statement_timeout: undefined };
  local: Partial<Timeouts> = {};

  /** Shared with the files linted before and after this one (column types, NOT NULL checks). */
  readonly columnTypes: KnownColumnTypes;

  constructor(columnTypes: KnownColumnTypes) {
    this.columnTypes = columnTypes;
  }

  copy(): FileState {
    const copy = new FileState(this.columnTypes.copy());
    copy.replaceWith(this);
    return copy;
  }

  /** Makes this hold what `other` holds; `other` stays intact (a savepoint may be returned to twice). */
  replaceWith(other: FileState): void {
    this.created.replaceWith(other.created);
    replaceMap(this.createdColumns, other.createdColumns, (columns) => new Set(columns));
    replaceMap(this.notValid, other.notValid, (constraint) => constraint);
    replaceSet(this.accessExclusive, other.accessExclusive);
    replaceMap(this.enumValues, other.enumValues, (values) => new Set(values));
    this.session = { ...other.session };
    this.local = { ...other.local };
    this.columnTypes.replaceWith(other.columnTypes);
  }
}

function replaceMap<K, V>(target: Map<K, V>, from: ReadonlyMap<K, V>, copy: (value: V) => V): void {
  target.clear();
  for (const [key, value] of from) target.set(key, copy(value));
}

function replaceSet<T>(target: Set<T>, from: ReadonlySet<T>): void {
  target.clear();
  for (const value of from) target.add(value);
}
