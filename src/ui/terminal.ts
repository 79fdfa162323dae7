/** The terminal the live view draws on and reads keys from (the CLI passes its own; tests pass fakes). */
export interface Terminal {
  readonly stdout: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly stderr: NodeJS.WriteStream;
}
