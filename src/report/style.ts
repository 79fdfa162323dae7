/** Optional SGR colour for the text reports (never cursor codes: the output may be a pipe or a log). */
export interface TextStyle {
  readonly color: boolean;
}

const SGR = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
export type Tone = keyof typeof SGR;

/** Example: paint({color: true}, 'red', 'x') === '\u001b[31mx\u001b[0m'; without colour, 'x'. */
export function paint(style: TextStyle, tone: Tone, s: string): string {
  return style.color ? `\u001b[${SGR[tone]}m${s}\u001b[0m` : s;
}
