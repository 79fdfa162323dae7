/**
 * Text bound for a terminal, made safe to show: user data (label values, YAML strings, query text)
 * may hold control characters that a terminal would obey — move the cursor, clear the screen, set
 * the window title or the clipboard (OSC), hide text — so every control character is written as a
 * visible escape instead. Kept: line feeds, tabs, and the SGR colour codes of report/style.ts (the
 * only escape sequences our text output writes). Bidirectional overrides (U+202A–U+202E,
 * U+2066–U+2069) are escaped too: they reorder what the reader sees.
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /\u001b\[(?:0|1|2|3[1-6])m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Example: forTerminal('a\u001b]0;owned\u0007b\n') === 'a\\x1b]0;owned\\x07b\n';
 * forTerminal('\u001b[31mred\u001b[0m') keeps both colour codes; forTerminal('x\u202ey') === 'x\\u202ey'.
 */
export function forTerminal(s: string): string {
  return s.replace(UNSAFE, (c) => {
    if (c.length > 1) return c; // one of our colour codes
    const code = c.charCodeAt(0);
    if (code === 0x0d) return '\\r';
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
