import { AwsError, type AwsErrorCode } from '../kinesis/errors.js';
import { complete, type Completion } from './complete.js';
import { commandHelp, overviewHelp, serviceHelp } from './help.js';
import { kinesisCommands } from './kinesis.js';
import { parseLine, type Parsed } from './parse.js';
import type { ServiceTable } from './types.js';
import { PLUGINS } from '../plugin-registry.js';

// Runs AWS CLI command lines against the engine. One table per service; the dispatcher is
// built with the services a scenario or lab has (each bound to its engine objects), so adding
// Firehose or SQS is adding a table and a binding.

/**
 * Every service's command table, for checks that need no running engine (scenario loading).
 * A function, not a constant: plug-in modules may import this one, and the registry must be read
 * after they have all loaded.
 */
export function commandTables(): readonly ServiceTable[] {
  return [kinesisCommands, ...PLUGINS.flatMap((p) => [p.commands, ...(p.moreCommands ?? [])])].filter((t) => t.commands.length > 0);
}

export interface BoundService {
  table: ServiceTable;
  ctx: unknown;
}

export function bind<C>(table: ServiceTable<C>, ctx: C): BoundService {
  return { table: table as ServiceTable, ctx };
}

export type Outcome =
  /** `response` is null when AWS answers with an empty body (the CLI then prints nothing). */
  | { kind: 'response'; ok: true; operation: string; response: object | null; text: string }
  | { kind: 'help'; ok: true; text: string }
  | { kind: 'aws-error'; ok: false; operation: string; code: AwsErrorCode; message: string; error: string; text: string }
  /** Refused before any request, by the CLI itself; `error` is one line, `text` what the CLI prints. */
  | { kind: 'usage-error'; ok: false; error: string; text: string };

/** The AWS CLI's line for a service error. */
export function awsErrorLine(code: string, operation: string, message: string): string {
  return `An error occurred (${code}) when calling the ${operation} operation: ${message}`;
}

/** Parses a line against every known table without running it. */
export function parseCommand(line: string): Parsed<unknown> {
  return parseLine(line, commandTables());
}

export class Dispatcher {
  private readonly tables: ServiceTable[];
  private readonly services: readonly BoundService[];

  constructor(services: readonly BoundService[]) {
    // A plug-in that answers no AWS API (the transfer planner) brings an empty table: not a service.
    this.services = services.filter((s) => s.table.commands.length > 0);
    this.tables = this.services.map((s) => s.table);
  }

  parse(line: string): Parsed<unknown> {
    return parseLine(line, this.tables);
  }

  execute(line: string): Outcome {
    const parsed = this.parse(line);
    switch (parsed.kind) {
      case 'usage-error':
        return { kind: 'usage-error', ok: false, error: parsed.error, text: parsed.text };
      case 'help':
        return { kind: 'help', ok: true, text: parsed.command ? commandHelp(parsed.table!, parsed.command) : parsed.table ? serviceHelp(parsed.table) : overviewHelp(this.tables) };
      case 'invocation': {
        const { command, table } = parsed;
        const ctx = this.services.find((s) => s.table === table)!.ctx;
        try {
          const response = command.run(ctx, parsed.args) ?? null;
          // The CLI prints JSON with four-space indentation, and nothing for an empty body.
          const text = response === null ? '' : command.render ? command.render(response) : JSON.stringify(response, null, 4);
          return { kind: 'response', ok: true, operation: command.operation, response, text };
        } catch (error) {
          if (!(error instanceof AwsError)) throw error;
          const line = awsErrorLine(error.code, command.operation, error.message);
          return { kind: 'aws-error', ok: false, operation: command.operation, code: error.code, message: error.message, error: line, text: line };
        }
      }
    }
  }

  complete(line: string, cursor = line.length): Completion {
    return complete(line, cursor, this.services);
  }
}
