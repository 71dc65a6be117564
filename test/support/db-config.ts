export const TEMPLATE_DB = 'tiller_test_template';

/** The suite runs on PGlite unless DATABASE_URL names a PostgreSQL server (as `.ci/run` does). */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
