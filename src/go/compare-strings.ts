/**
 * Go compares strings by their UTF-8 bytes, which for well-formed text is code point order, not the
 * UTF-16 order of JavaScript's `<`. Two comparators exist and stay separate because they order a lone
 * surrogate (text no Go string can hold) differently: `cmpBytes` puts it above U+FFFF, as if it were
 * half of a pair; `compareCodePoints` puts it at its own code point, U+D800–U+DFFF. On well-formed
 * strings their signs always agree.
 */

/**
 * Compares two strings by their UTF-8 bytes, walking UTF-16 units (fast; the metric label sorts use it).
 * Returns a negative number, zero or a positive number, not necessarily -1/0/1.
 *
 * @example cmpBytes('Z', 'a') < 0 // true; cmpBytes('\uFFFF', '😀') < 0 // true (JS `<` says otherwise)
 */
export function cmpBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800..DFFF) encode code points above U+FFFF, whose UTF-8 sorts after U+E000..FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (x >= 0xe000 || y >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Byte-order (= code point order) comparison of two strings, as Go compares strings; -1, 0 or 1
 * (expr's string comparisons and map key order use it).
 *
 * @example compareCodePoints('a', 'b') // -1; compareCodePoints('\uffff', '😀') // -1 (JS `<` says otherwise)
 */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true || y.done === true) return x.done === true ? (y.done === true ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}
