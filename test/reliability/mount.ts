// File systems the disk tests mount for the database: a small tmpfs that can be filled. Mounting
// needs root (CI runs as root); where the machine forbids it, the reason is returned so that
// the test is reported as not run with that reason, never as passed.
import { execFileSync } from 'node:child_process';

function run(command: string, args: string[]): string | null {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    return null;
  } catch (err) {
    const { stderr, message } = err as { stderr?: Buffer; message: string };
    return (stderr?.toString().trim() || message).split('\n')[0]!;
  }
}

/** Mounts a tmpfs of `megabytes` at `dir`; null when done, else why it could not. */
export function mountTmpfs(dir: string, megabytes: number): string | null {
  return run('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]);
}

export function unmount(dir: string): void {
  // Lazily, so that a server that died with files open there does not leave the mount behind.
  if (run('umount', [dir]) !== null) run('umount', ['-l', dir]);
}
