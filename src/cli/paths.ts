import { homedir } from 'node:os';
import { join } from 'node:path';

/** Progress and caches: --data-dir, else $SHARDLAB_HOME, else the XDG data home. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env.SHARDLAB_HOME) return env.SHARDLAB_HOME;
  const xdg = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(xdg, 'shardlab');
}
