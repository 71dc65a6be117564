import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../platform/config.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  config: Config;
  /** Parsed option values, by option name. */
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Progress for long work; only written when stderr is a terminal. */
  progress(message: string): void;
  out(text: string): void;
}

/**
 * One `tiller` command. Its file imports only what checking the arguments needs; `run` imports the rest
 * (`await import(...)`), so each command pays only for its own modules (docs/development.md, rule 10).
 */
export interface Command {
  /** One or two words, e.g. `serve` or `db migrate`. */
  name: string;
  summary: string;
  usage: string;
  options: Options;
  /** How many positional arguments it takes. */
  positionals?: { min: number; max: number };
  run(ctx: CommandContext): Promise<void>;
}
