// What a change changed: the top-level fields whose values differ between an entry's before and after.

export interface FieldChange {
  field: string;
  /** JSON text of the value; '' when the field is absent on that side. */
  before: string;
  after: string;
}

const parse = (json: string): unknown => {
  try {
    return json ? JSON.parse(json) : undefined;
  } catch {
    return undefined;
  }
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

/** The changed fields, in the order they appear (after first); [] when either side is not an object (nothing to compare field by field). */
export function changedFields(beforeJson: string, afterJson: string): FieldChange[] {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  if (!isObject(before) || !isObject(after)) return [];
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return fields.map((field) => ({ field, before: text(before[field]), after: text(after[field]) })).filter((c) => c.before !== c.after);
}
