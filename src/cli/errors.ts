/** Bad usage or bad input: one line on stderr, exit code 2 (DESIGN §3). */
export class UsageError extends Error {}

export const EXIT = { ok: 0, finding: 1, usage: 2 } as const;
