// CPU of the child processes a benchmark process waited for, such as the release's flush (`sync --file-system`).
import { readFileSync } from 'node:fs';

/**
 * CPU ms of the child processes this one has waited for so far: cutime and cstime of /proc/self/stat,
 * in Linux's clock ticks of 10 ms. 0 where there is no /proc.
 */
export function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    // After the command's name comes field 3 of stat(5) (state), so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}
