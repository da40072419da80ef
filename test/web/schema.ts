// A small checker for the JSON Schema subset our OpenAPI document uses (type with null,
// properties, required, items, enum, $ref, allOf, oneOf): enough to hold API answers to
// the shapes the document promises. Returns the problems found ([] when the value fits).
type Schema = Record<string, unknown>;

export function checkSchema(doc: { components: { schemas: Record<string, Schema> } }, schema: Schema, value: unknown, at = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) return [`${at}: unknown $ref ${schema.$ref}`];
    return checkSchema(doc, target, value, at);
  }
  const problems: string[] = [];
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) problems.push(...checkSchema(doc, s, value, at));
  if (Array.isArray(schema.oneOf)) {
    const fits = (schema.oneOf as Schema[]).filter((s) => checkSchema(doc, s, value, at).length === 0).length;
    if (fits !== 1) problems.push(`${at}: fits ${fits} of the oneOf alternatives, not exactly one`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
    const ok = types.includes(actual) || (actual === 'integer' && types.includes('number'));
    if (!ok) return [...problems, `${at}: expected ${types.join('|')}, found ${actual}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in obj)) problems.push(`${at}: missing ${r}`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, s] of Object.entries(props)) if (k in obj) problems.push(...checkSchema(doc, s, obj[k], `${at}.${k}`));
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => problems.push(...checkSchema(doc, schema.items as Schema, v, `${at}[${i}]`)));
  return problems;
}
