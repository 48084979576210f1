import { ACCOUNT, REGION } from '../kinesis/errors.js';

// IoT Core policies: JSON documents of Allow and Deny statements over iot:Connect, iot:Publish,
// iot:Subscribe and iot:Receive on ARNs (`…:client/ID`, `…:topic/T`, `…:topicfilter/F`), with
// `*` and `?` wildcards and the `${iot:Connection.Thing.ThingName}` and `${iot:ClientId}`
// variables. An explicit Deny wins over any Allow; nothing allowed is denied. In a policy,
// MQTT's `+` and `#` are ordinary characters: only `*` and `?` are wildcards.

export const IOT_ARN = `arn:aws:iot:${REGION}:${ACCOUNT}`;

export type IotAction = 'iot:Connect' | 'iot:Publish' | 'iot:Subscribe' | 'iot:Receive';

export function topicArn(topic: string): string {
  return `${IOT_ARN}:topic/${topic}`;
}
export function topicFilterArn(filter: string): string {
  return `${IOT_ARN}:topicfilter/${filter}`;
}
export function clientArn(clientId: string): string {
  return `${IOT_ARN}:client/${clientId}`;
}

/** Who is asking: the MQTT client id and the thing its certificate is attached to, if any. */
export interface Principal {
  clientId: string;
  thing: string | null;
}

interface Statement {
  effect: 'Allow' | 'Deny';
  actions: RegExp[];
  resources: string[];
}

export class MalformedPolicyError extends Error {}

export interface Policy {
  name: string;
  arn: string;
  document: string;
  statements: Statement[];
}

function glob(pattern: string, flags = ''): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}

function strings(value: unknown, field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string' && v.length > 0)) {
    throw new MalformedPolicyError(`${field} must be a string or a non-empty list of strings`);
  }
  return list as string[];
}

/** Reads a policy document (an object, or its JSON text) into statements. */
export function parsePolicy(name: string, document: unknown): Policy {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      throw new MalformedPolicyError(`the document is not JSON: ${(e as Error).message}`);
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new MalformedPolicyError('the document must be a JSON object with a Statement');
  const d = doc as Record<string, unknown>;
  if (d.Version !== undefined && d.Version !== '2012-10-17' && d.Version !== '2008-10-17') throw new MalformedPolicyError(`Version "${String(d.Version)}" is not 2012-10-17`);
  if (d.Statement === undefined) throw new MalformedPolicyError('the document has no Statement');
  const raw = Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  if (raw.length === 0) throw new MalformedPolicyError('Statement is empty');
  const statements = raw.map((s, i): Statement => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new MalformedPolicyError(`Statement[${i}] must be an object`);
    const st = s as Record<string, unknown>;
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') throw new MalformedPolicyError(`Statement[${i}].Effect must be "Allow" or "Deny"`);
    if (st.Action === undefined) throw new MalformedPolicyError(`Statement[${i}] has no Action`);
    if (st.Resource === undefined) throw new MalformedPolicyError(`Statement[${i}] has no Resource`);
    for (const key of Object.keys(st)) {
      if (!['Sid', 'Effect', 'Action', 'Resource'].includes(key)) throw new MalformedPolicyError(`Statement[${i}].${key} is not supported by the engine (Sid, Effect, Action, Resource)`);
    }
    const actions = strings(st.Action, `Statement[${i}].Action`).map((a) => glob(a, 'i'));
    return { effect: st.Effect, actions, resources: strings(st.Resource, `Statement[${i}].Resource`) };
  });
  return { name, arn: `${IOT_ARN}:policy/${name}`, document: JSON.stringify(doc), statements };
}

const PATTERNS = new Map<string, RegExp>();

function resourcePattern(pattern: string, who: Principal): RegExp | null {
  let p = pattern;
  if (p.includes('${')) {
    let unresolved = false;
    p = p.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name === 'iot:Connection.Thing.ThingName') {
        if (who.thing === null) unresolved = true;
        return who.thing ?? '';
      }
      if (name === 'iot:ClientId') return who.clientId;
      return whole;
    });
    // A variable that cannot be resolved (no thing attached) makes its resource match nothing.
    if (unresolved) return null;
  }
  let re = PATTERNS.get(p);
  if (!re) {
    re = glob(p);
    if (PATTERNS.size > 10_000) PATTERNS.clear();
    PATTERNS.set(p, re);
  }
  return re;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** The decision of every policy together: an explicit Deny anywhere wins, then any Allow. */
export function evaluatePolicies(policies: Iterable<Policy>, who: Principal, action: IotAction, resource: string): Decision {
  let allowed = false;
  for (const policy of policies) {
    for (const s of policy.statements) {
      if (!s.actions.some((a) => a.test(action))) continue;
      const hit = s.resources.some((r) => resourcePattern(r, who)?.test(resource) ?? false);
      if (!hit) continue;
      if (s.effect === 'Deny') return 'ExplicitDeny';
      allowed = true;
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}
