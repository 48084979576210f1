import type { Rng } from '../core/rng.js';
import { ACCOUNT, REGION } from '../kinesis/errors.js';
import type { ActionFailure, ActionType, RuleAction } from './actions.js';
import { selectOutput, whereMatches, type SqlMessage } from './sql-eval.js';
import type { Query } from './sql.js';
import { compileFilter } from './topics.js';

// A topic rule: its SQL, its actions and its error action, with the counts the metrics report.
// Every message the rule sees is matched or not matched; every action run on a matched message
// succeeds or fails; every failure goes to the error action when there is one.

export interface ActionCounts {
  invoked: number;
  failed: number;
}

export interface RuleMetrics {
  sql: string;
  enabled: boolean;
  /** Messages whose topic matched the FROM filter (or that reached it through Basic Ingest). */
  evaluated: number;
  matched: number;
  notMatched: number;
  /** Bytes of SELECT output handed to the actions (once per matched message). */
  outputBytes: number;
  /** By action type (several actions of one type add up). */
  actions: Partial<Record<ActionType, ActionCounts>>;
  /** null when the rule has no error action. */
  errorAction: ({ type: ActionType } & ActionCounts) | null;
}

export class TopicRule {
  readonly arn: string;
  readonly matches: ((topic: string) => boolean) | null;
  evaluated = 0;
  matched = 0;
  notMatched = 0;
  outputBytes = 0;
  private readonly actionCounts: ActionCounts[];
  private readonly errorCounts: ActionCounts = { invoked: 0, failed: 0 };

  constructor(
    readonly name: string,
    readonly query: Query,
    readonly actions: readonly RuleAction[],
    readonly errorAction: RuleAction | null,
    readonly options: { description: string; disabled: boolean; sqlVersion: string; createdAt: number },
    private readonly rng: Rng,
  ) {
    this.arn = `arn:aws:iot:${REGION}:${ACCOUNT}:rule/${name}`;
    this.matches = query.from === null ? null : compileFilter(query.from);
    this.actionCounts = actions.map(() => ({ invoked: 0, failed: 0 }));
  }

  get enabled(): boolean {
    return !this.options.disabled;
  }

  process(m: SqlMessage, depth: number): void {
    this.evaluated++;
    if (!whereMatches(this.query, m)) {
      this.notMatched++;
      return;
    }
    this.matched++;
    const actions = this.actions;
    if (actions.length === 0) return;
    const output = selectOutput(this.query, m);
    this.outputBytes += Buffer.byteLength(output, 'utf8');
    for (let i = 0; i < actions.length; i++) {
      const counts = this.actionCounts[i]!;
      counts.invoked++;
      const failed = actions[i]!.invoke(m, output, depth);
      if (failed) {
        counts.failed++;
        this.handleError(m, failed, depth);
      }
    }
  }

  /** One error action run per failed action, with AWS's error message as its payload. */
  private handleError(m: SqlMessage, failed: ActionFailure, depth: number): void {
    const action = this.errorAction;
    if (!action) return;
    this.errorCounts.invoked++;
    const body = {
      ruleName: this.name,
      topic: m.topic,
      cloudwatchTraceId: traceId(this.rng),
      clientId: m.clientId,
      base64OriginalPayload: Buffer.from(m.text, 'utf8').toString('base64'),
      failures: [failed],
    };
    const text = JSON.stringify(body);
    const errorMessage: SqlMessage = { topic: m.topic, payload: body, text, clientId: m.clientId, timestamp: m.timestamp };
    if (action.invoke(errorMessage, text, depth)) this.errorCounts.failed++;
  }

  /** The `rule` of get-topic-rule. */
  definition(): Record<string, unknown> {
    const rule: Record<string, unknown> = {
      ruleName: this.name,
      sql: this.query.text,
      description: this.options.description,
      createdAt: this.options.createdAt,
      actions: this.actions.map((a) => a.definition),
      ruleDisabled: this.options.disabled,
      awsIotSqlVersion: this.options.sqlVersion,
    };
    if (this.errorAction) rule.errorAction = this.errorAction.definition;
    return rule;
  }

  metrics(): RuleMetrics {
    const actions: Partial<Record<ActionType, ActionCounts>> = {};
    this.actions.forEach((a, i) => {
      const c = (actions[a.type] ??= { invoked: 0, failed: 0 });
      c.invoked += this.actionCounts[i]!.invoked;
      c.failed += this.actionCounts[i]!.failed;
    });
    return {
      sql: this.query.text,
      enabled: this.enabled,
      evaluated: this.evaluated,
      matched: this.matched,
      notMatched: this.notMatched,
      outputBytes: this.outputBytes,
      actions,
      errorAction: this.errorAction ? { type: this.errorAction.type, ...this.errorCounts } : null,
    };
  }
}

function traceId(rng: Rng): string {
  const hex = (n: number) => rng.int(2 ** (4 * n)).toString(16).padStart(n, '0');
  return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(6)}${hex(6)}`;
}
