/** Moved to cli/demo/support/postgres.ts (product code the demo and the tests share); kept so imports from here keep working. */
export * from '../../cli/demo/support/postgres.ts';
