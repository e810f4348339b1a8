// SHA-256 of bytes or text, as lowercase hex: the digest of sources, release files and settings.
import { createHash } from 'node:crypto';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
