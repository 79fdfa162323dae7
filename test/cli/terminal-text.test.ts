/** What a terminal is shown of user data (cli/terminal-text.ts) and how a file that is not UTF-8 is found (cli/io.ts). */
import { describe, expect, it } from 'vitest';
import { forTerminal } from '../../src/cli/terminal-text.js';
import { invalidUtf8Line } from '../../src/cli/io.js';

describe('forTerminal', () => {
  it('shows control characters instead of obeying them: cursor moves, screen clears, titles, bells, CR', () => {
    expect(forTerminal('a\u001b[2J\u001b]0;owned\u0007b\rc\u0000\u007f')).toBe('a\\x1b[2J\\x1b]0;owned\\x07b\\rc\\x00\\x7f');
  });

  it('keeps line feeds, tabs, our own colour codes and ordinary Unicode', () => {
    const ours = '\u001b[31mred\u001b[0m\t\u001b[2mdim\u001b[0m \u001b[1mbold\u001b[0m héllo ✓\n';
    expect(forTerminal(ours)).toBe(ours);
  });

  it('escapes SGR codes that are not ours (conceal, background) and C1 and bidi controls', () => {
    expect(forTerminal('\u001b[8mhidden\u001b[41m')).toBe('\\x1b[8mhidden\\x1b[41m');
    expect(forTerminal('x\u009by\u202ez\u2066')).toBe('x\\u009by\\u202ez\\u2066');
  });
});

describe('invalidUtf8Line', () => {
  it('names the first line with bytes that are not UTF-8', () => {
    expect(invalidUtf8Line(Buffer.from('héllo\n✓\n'))).toBeUndefined();
    expect(invalidUtf8Line(Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x0a, 0xc3]))).toBe(2);
    expect(invalidUtf8Line(Buffer.from([0x61, 0x0a, 0x0a, 0xe2, 0x82]))).toBe(3); // a sequence cut short at the end
  });
});

describe('label sets inherit no names', () => {
  it('emptyLabels has no constructor, toString or __proto__ accessor, and a __proto__ label is an own key', async () => {
    const { emptyLabels, labelValue } = await import('../../src/metrics/labels.js');
    const l = emptyLabels();
    expect([l['constructor'], l['toString'], l['hasOwnProperty'], l['valueOf']]).toEqual([undefined, undefined, undefined, undefined]);
    l['__proto__'] = 'y';
    expect([Object.keys(l), JSON.stringify(l), labelValue(l, '__proto__'), labelValue({ a: '1' }, 'toString')]).toEqual([['__proto__'], '{"__proto__":"y"}', 'y', undefined]);
  });
});
