/** Which output a command picks, and the CI rule it shares with ink. */
import { describe, expect, it } from 'vitest';
import { isCi, resolveOutputMode, useColor } from '../../src/cli/output-mode.js';

describe('isCi (the rule of ink’s is-in-ci)', () => {
  it.each([
    [{}, false],
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: '' }, true], // set but empty still counts, as in is-in-ci
    [{ CI: '0' }, false],
    [{ CI: 'false' }, false],
    [{ CONTINUOUS_INTEGRATION: 'yes' }, true],
    [{ CI: 'false', CONTINUOUS_INTEGRATION: '1' }, true],
  ])('%j → %s', (env, expected) => {
    expect(isCi(env)).toBe(expected);
  });
});

describe('resolveOutputMode', () => {
  it('live view only on a terminal outside CI', () => {
    expect(resolveOutputMode({ flag: undefined, isTTY: true, env: {} })).toBe('ui');
    expect(resolveOutputMode({ flag: undefined, isTTY: true, env: { CI: 'true' } })).toBe('text');
    expect(resolveOutputMode({ flag: undefined, isTTY: true, env: { CI: '' } })).toBe('text');
    expect(resolveOutputMode({ flag: undefined, isTTY: true, env: { CI: '0' } })).toBe('ui');
    expect(resolveOutputMode({ flag: undefined, isTTY: false, env: {} })).toBe('text');
    expect(resolveOutputMode({ flag: 'ui', isTTY: false, env: {} })).toBe('text');
  });

  it('machine outputs whenever asked, and a clear error for anything else', () => {
    expect(resolveOutputMode({ flag: 'jsonl', isTTY: true, env: {} })).toBe('jsonl');
    expect(resolveOutputMode({ flag: 'json', isTTY: false, env: { CI: 'true' } })).toBe('json');
    expect(() => resolveOutputMode({ flag: 'yaml', isTTY: false, env: {} })).toThrow('--output must be one of ui, text, json, jsonl (got "yaml")');
  });
});

describe('useColor', () => {
  it('off for NO_COLOR, --no-color and pipes', () => {
    expect(useColor({ isTTY: true, env: {}, noColorFlag: false })).toBe(true);
    expect(useColor({ isTTY: true, env: { NO_COLOR: '1' }, noColorFlag: false })).toBe(false);
    expect(useColor({ isTTY: true, env: { NO_COLOR: '' }, noColorFlag: false })).toBe(true);
    expect(useColor({ isTTY: true, env: {}, noColorFlag: true })).toBe(false);
    expect(useColor({ isTTY: false, env: {}, noColorFlag: false })).toBe(false);
  });
});
