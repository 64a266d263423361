const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID as the database generates them; anything else can never match a row. */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}
