// File systems the disk tests mount for the database: a small tmpfs that can be filled, an ext4
// loop file system that can fail. Mounting needs root (CI runs as root); where the machine
// forbids it, the reason is returned so that the test is reported as not run with that reason,
// never as passed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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

/**
 * Mounts an ext4 file system made in a loop file at `dir`, which remounts itself read-only on
 * an error; returns its loop device (e.g. "loop3") or why it could not.
 */
export function mountExt4(image: string, dir: string, megabytes: number): { device: string } | { refused: string } {
  fs.writeFileSync(image, '');
  fs.truncateSync(image, megabytes << 20);
  const refused = run('mkfs.ext4', ['-q', '-F', image]) ?? run('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
  if (refused !== null) return { refused };
  const source = execFileSync('findmnt', ['-no', 'SOURCE', dir]).toString().trim();
  return { device: path.basename(source) };
}

/**
 * What a failing disk does to ext4: the kernel's own error path (ext4's debug trigger), after
 * which the file system is read-only for everyone, open files included, until it is checked.
 */
export function failExt4(device: string): string | null {
  const trigger = `/sys/fs/ext4/${device}/trigger_fs_error`;
  try {
    fs.writeFileSync(trigger, 'reliability test');
    return null;
  } catch (err) {
    return `${trigger}: ${(err as Error).message}`;
  }
}
