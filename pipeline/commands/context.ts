// What every command gets from the command line: output streams, the exit code setter, logging, and small output helpers.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Report } from '../report.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CommandContext {
  io: Io;
  setExit: (code: number) => void;
  /** The --log-level of the program. */
  logLevel: string;
}

/** A pino logger on the command's stderr (loaded only by the commands that log). */
export async function logger({ logLevel, io }: CommandContext): Promise<Logger> {
  const { pino } = await import('../vendor/log.js');
  return pino({ level: logLevel, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, { write: (line: string) => io.stderr(line) });
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Names a source as the user can open it: relative to the working directory. */
export function displayFrom(dataDir: string): (source: string) => string {
  return (source) => (isAbsolute(source) || /^[a-z]+:\/\//.test(source) ? source : relative(process.cwd(), resolve(dataDir, source)) || source);
}

export function summary(report: Report): string {
  return `${report.stats.tasks} source(s), ${report.stats.errors} error(s), ${report.stats.warnings} warning(s)`;
}
