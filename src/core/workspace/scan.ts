import type { Workspace } from './index';

/** A file to index: its name in the workspace, and how to read it (`undefined`: unreadable or skipped). */
export interface ScanFile {
  readonly fileName: string;
  read(): Promise<string | undefined>;
}

export interface ScanOptions {
  /** Files read at once: enough to keep the disk busy, few enough to stay responsive. */
  readonly batchSize?: number;
  /** Asked before each batch; a cancelled scan keeps what it indexed. */
  readonly isCancelled?: () => boolean;
  /** Whether a file read meanwhile should be left alone (opened in an editor, which the index follows instead). */
  readonly skip?: (fileName: string) => boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ScanOutcome {
  readonly read: number;
  readonly cancelled: boolean;
}

const DEFAULT_BATCH = 32;

/**
 * Reads files into a workspace in batches, between which the caller can cancel or report
 * progress. The workspace is asked for before each batch: the caller may replace it meanwhile
 * (new settings), and the rest of the files go to the new one.
 */
export async function scanInto(target: () => Workspace, files: readonly ScanFile[], options: ScanOptions = {}): Promise<ScanOutcome> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  let read = 0;
  for (let first = 0; first < files.length; first += batchSize) {
    if (options.isCancelled?.()) return { read, cancelled: true };
    const batch = files.slice(first, first + batchSize);
    const texts = await Promise.all(batch.map((file) => file.read().catch(() => undefined)));
    const workspace = target();
    batch.forEach((file, i) => {
      const text = texts[i];
      if (text !== undefined && !options.skip?.(file.fileName)) workspace.load(file.fileName, text);
    });
    read += batch.length;
    options.onProgress?.(read, files.length);
  }
  return { read, cancelled: false };
}
