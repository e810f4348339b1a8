// System errors of publishing in words: which path, what was expected there, what was found (ENOTDIR, EROFS, EACCES, ENOSPC, …).
import { OntsluitError } from './errors.js';

/** What a failed file operation found, and what it needed, for a person. */
export function fsProblem(cause: unknown): { found: string; expected?: string } {
  const error = cause as NodeJS.ErrnoException;
  const path = error.path ? ` (${error.path})` : '';
  // mkdir -p over a file answers EEXIST: the same mistake as ENOTDIR.
  const code = error.code === 'EEXIST' && error.syscall === 'mkdir' ? 'ENOTDIR' : error.code;
  switch (code) {
    case 'ENOTDIR':
      return { found: `a part of the path is a file, not a directory${path}`, expected: 'directories all the way to the release' };
    case 'EROFS':
      return { found: `the file system is read-only${path}`, expected: 'a writable file system for the release and its temp files' };
    case 'EACCES':
    case 'EPERM':
      return { found: `permission denied${path}`, expected: 'write permission on the directory that holds the release' };
    case 'ENOSPC':
    case 'EDQUOT':
      return { found: `no space left on the device${path}`, expected: 'room for a second copy of the release' };
    case 'EEXIST':
      return { found: `something is already there${path}`, expected: 'a free name beside the release' };
    case 'ENAMETOOLONG':
      return { found: `the path is too long${path}`, expected: 'a shorter path' };
    default:
      return { found: error.code ? `${error.code}: ${error.message}` : String(error?.message ?? cause) };
  }
}

/** publish-failed for a system error, located at the `--out` the user gave. */
export function publishFailed(message: string, given: string, cause: unknown): OntsluitError {
  if (cause instanceof OntsluitError) return cause;
  const problem = fsProblem(cause);
  return new OntsluitError('publish-failed', message, { location: { source: given }, expected: problem.expected, found: problem.found, cause });
}

/** publish-failed for an output path that is neither nothing, a directory, nor a symlink to one. */
export function outPathProblem(given: string, found: string): OntsluitError {
  return new OntsluitError('publish-failed', 'the output path is not a release directory; nothing was published', {
    location: { source: given },
    expected: 'a release directory, a symlink to one, or nothing yet',
    found,
  });
}
