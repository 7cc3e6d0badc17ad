export const POSTGRES_TEMPLATE_DATABASE = "sunbridge_test_template";

export function withDatabaseName(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
