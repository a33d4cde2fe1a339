import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { LabFileDto } from '../../contract/config-file';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Editors write in bursts (truncate, write, rename): one check after the burst settles. */
const SETTLE_MS = 100;

/**
 * Keeps "running ≠ file" current: the running lab's source against the lab file on disk, checked
 * when the file changes (a watch on its folder, since editors and saveAtomically replace the file
 * by rename) and on demand (config.get). `onChange` fires when the state changes.
 */
export class LabFileWatch {
  #path?: string;
  #runningHash = '';
  #state: LabFileDto = { state: 'none', runningHash: '' };
  #watcher?: FSWatcher;
  #timer?: NodeJS.Timeout;
  #closed = false;

  constructor(private readonly onChange: () => void) {}

  /** The lab in force changed (start, apply): compare `source` with the file at `path` from now on. */
  track(path: string | undefined, source: string): void {
    this.#runningHash = sha256(source);
    if (path !== this.#path) {
      this.#watcher?.close();
      this.#watcher = undefined;
      this.#path = path;
      if (path) this.#watch(path);
    }
    this.#schedule();
  }

  state(): LabFileDto {
    return this.#state;
  }

  /** Reads the file now; resolves with the state and, when it differs, the file's text. */
  async check(): Promise<LabFileDto & { source?: string }> {
    const path = this.#path;
    const runningHash = this.#runningHash;
    let next: LabFileDto;
    let source: string | undefined;
    if (!path) next = { state: 'none', runningHash };
    else {
      try {
        const text = await readFile(path, 'utf8');
        const fileHash = sha256(text);
        next = { state: fileHash === runningHash ? 'same' : 'differs', runningHash, fileHash };
        if (next.state === 'differs') source = text;
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        next =
          err.code === 'ENOENT'
            ? { state: 'missing', runningHash }
            : { state: 'unreadable', runningHash, error: err.message };
      }
    }
    // A track() during the read makes this answer stale: the scheduled check will follow.
    if (path === this.#path && runningHash === this.#runningHash) this.#set(next);
    return { ...next, source };
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
  }

  #set(next: LabFileDto): void {
    const prev = this.#state;
    this.#state = next;
    if (prev.state !== next.state || prev.fileHash !== next.fileHash || prev.runningHash !== next.runningHash)
      this.onChange();
  }

  #watch(path: string): void {
    const name = basename(path);
    try {
      this.#watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
        if (file === null || file === name) this.#schedule();
      });
      // A folder that goes away (or a watch error) leaves the on-demand checks.
      this.#watcher.on('error', () => this.#watcher?.close());
    } catch {
      this.#watcher = undefined;
    }
  }

  #schedule(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.check().catch(() => {}), SETTLE_MS);
    this.#timer.unref();
  }
}
