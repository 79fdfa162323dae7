/**
 * A `spec.providers.web` URL pattern: the whole URL must match, `*` matching any run of
 * characters (none included); everything else is literal. No regex is built, so any pattern runs
 * in time linear in pattern × URL.
 *
 * Example: webUrlMatches('http://x/api/*', 'http://x/api/v1?svc=a') === true;
 * webUrlMatches('http://x/api', 'http://x/api/v1') === false.
 */
export function webUrlMatches(pattern: string, url: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0] ?? '';
  if (parts.length === 1) return pattern === url;
  if (!url.startsWith(first)) return false;
  const last = parts[parts.length - 1] ?? '';
  if (!url.slice(first.length).endsWith(last) || url.length < first.length + last.length) return false;
  let at = first.length;
  const end = url.length - last.length;
  for (const mid of parts.slice(1, -1)) {
    const i = url.indexOf(mid, at);
    if (i < 0 || i + mid.length > end) return false;
    at = i + mid.length;
  }
  return true;
}
