import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const EXTENSIONS = ['.yaml', '.yml', '.json', '.template'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** The files named, and the template-like files under the directories named, in a stable order. */
export function collectFiles(inputs: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(input).isDirectory();
    } catch {
      missing.push(input);
      continue;
    }
    if (isDirectory) walk(input, files);
    else files.push(input);
  }
  return { files, missing };
}

function walk(directory: string, files: string[]): void {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, files);
    } else if (entry.isFile() && EXTENSIONS.some((extension) => entry.name.toLowerCase().endsWith(extension))) {
      files.push(path);
    }
  }
}
