// Part of `npm run bench` (needs `npm run build`): PromQL parse time of long binary chains and RE2
// matching of hostile patterns, at growing sizes. Linear work shows as a flat µs-per-term column
// (these are figures to read, not timed assertions; tests assert the answers).
import { performance } from 'node:perf_hooks';
import { parseWithChainLimit } from '../dist/promql/parse.js';
import { compileGoRegexp } from '../dist/go/regexp.js';

const time = (f) => {
  f(); // warm the JIT
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) f();
  return (performance.now() - t0) / 3;
};

console.log('\nPromQL long chains (parse only, uncached)');
console.log('  terms    rate(…) + … ms   µs/term      or-selectors ms   µs/term');
for (const n of [500, 1000, 2000, 4000]) {
  const plus = Array.from({ length: n }, (_, i) => `rate(http_requests_total{code="${i}"}[5m])`).join(' + ');
  const or = Array.from({ length: n }, (_, i) => `m{i="${i}",pod=~"a.*"}`).join(' or ');
  const [a, b] = [time(() => parseWithChainLimit(plus, 0)), time(() => parseWithChainLimit(or, 0))];
  console.log(`  ${String(n).padStart(5)}  ${a.toFixed(1).padStart(15)}  ${((a * 1000) / n).toFixed(1).padStart(8)}  ${b.toFixed(1).padStart(18)}  ${((b * 1000) / n).toFixed(1).padStart(8)}`);
}

console.log('\nRE2 on hostile patterns (a backtracking engine takes exponential time on these)');
console.log('  input length   ^(a+)+$ ms   (a|aa)*b ms');
const [p1, p2] = ['^(a+)+$', '(a|aa)*b'].map((p) => compileGoRegexp(p));
for (const n of [1000, 10000, 100000]) {
  const s = `${'a'.repeat(n)}!`;
  const [a, b] = [time(() => p1.ok && p1.re.test(s)), time(() => p2.ok && p2.re.test(s))];
  console.log(`  ${String(n).padStart(12)}  ${a.toFixed(2).padStart(11)}  ${b.toFixed(2).padStart(12)}`);
}
