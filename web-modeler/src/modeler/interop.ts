/**
 * bpmn-js ships ES modules without `"type": "module"`, so TypeScript (NodeNext) types a
 * default import as the CommonJS module object while the bundler hands over the class itself.
 */
export function defaultExport<T>(imported: { default: T } | T): T {
  const candidate = (imported as { default?: T }).default;
  return candidate ?? (imported as T);
}
