/** Go's float64 → int64 conversion as the amd64 hardware does it (expr's `int()` and integer indexing). */

const INT64_MIN = -(2n ** 63n);
const TWO_63 = 2 ** 63;

/**
 * Go's `int64(f)` on amd64: truncation, and the "integer indefinite" -2^63 for NaN/±Inf/overflow.
 *
 * @example floatToInt64(0.5) // 0n; floatToInt64(-2.9) // -2n; floatToInt64(NaN) // -9223372036854775808n
 */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= TWO_63 || f < -TWO_63) return INT64_MIN;
  return BigInt(Math.trunc(f));
}
