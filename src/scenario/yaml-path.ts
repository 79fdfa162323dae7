/** YAML paths as every load error names them (`spec.strategy.canary.steps[2].setWeight`). */

/**
 * Joins a YAML path: child('spec', 'replicas') === 'spec.replicas'; child('', 'spec') === 'spec';
 * keys with dots or brackets are quoted: child('labels', 'app.kubernetes.io/name') ===
 * 'labels["app.kubernetes.io/name"]'.
 */
export function child(path: string, key: string): string {
  if (key === '' || /[.[\]"\s]/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** index('spec.steps', 2) === 'spec.steps[2]' */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}
