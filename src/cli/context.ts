import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContentRootError, loadContent } from '../content/loader.js';
import type { ContentIndex } from '../content/model.js';
import { shortHash } from '../content/text.js';
import { UsageError } from './errors.js';
import { resolveDataDir } from './paths.js';

declare const SHARDLAB_VERSION: string | undefined;

export interface GlobalOptions {
  content?: string;
  labs?: string;
  dataDir?: string;
  seed?: number;
}

// The bundle (dist/shardlab.js) sits one level below the package root and this source file two;
// the shipped content/ and labs/ folders are found from there.
const here = fileURLToPath(import.meta.url);
export const packageRoot = basename(dirname(here)) === 'dist' ? resolve(here, '../..') : resolve(here, '../../..');

export const VERSION: string = typeof SHARDLAB_VERSION === 'string' ? SHARDLAB_VERSION : '0.0.0-dev';

export class Context {
  constructor(readonly options: GlobalOptions) {}

  get contentDir(): string {
    return resolve(this.options.content ?? join(packageRoot, 'content'));
  }

  get labsDir(): string {
    return resolve(this.options.labs ?? join(packageRoot, 'labs'));
  }

  get dataDir(): string {
    return resolveDataDir(this.options.dataDir);
  }

  private loaded: ContentIndex | undefined;

  /** The notes, parsed once per run; the on-disk cache makes later runs cheap. */
  index(): ContentIndex {
    if (this.loaded) return this.loaded;
    return this.load();
  }

  /**
   * The notes read again from disk, for the running app after an edit. The cache (same file, same
   * key) means only the files whose size or modification time changed are parsed again. Throws
   * UsageError when the folder is gone; the previous index stays in place then.
   */
  reloadIndex(): ContentIndex {
    return this.load();
  }

  private load(): ContentIndex {
    try {
      this.loaded = loadContent(this.contentDir, {
        cacheFile: join(this.dataDir, 'cache', `content-${shortHash(this.contentDir)}.json`),
        cacheKey: `${VERSION}:${buildStamp()}`,
      });
    } catch (error) {
      if (error instanceof ContentRootError) throw new UsageError(error.message);
      throw error;
    }
    return this.loaded;
  }
}

/** The running build's modification time: a rebuilt parser must not read an older parser's cache. */
function buildStamp(): number {
  try {
    return statSync(here).mtimeMs;
  } catch {
    return 0;
  }
}
