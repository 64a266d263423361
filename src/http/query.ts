/** Query-string helpers shared by routes. */

/**
 * A query parameter that carries JSON (a mapping tried before it is saved). Text that is not JSON is
 * passed on as it is, so that the value's own check refuses it with its usual problems.
 *
 * @example
 * jsonQueryParam('{"columns":{"label":"A"}}') // { columns: { label: 'A' } }
 * jsonQueryParam('not json')                 // 'not json'
 */
export function jsonQueryParam(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
