import { resourceType as catalogResourceType, action as catalogAction } from '../policy/catalog.ts';
import { RequestContext } from '../evaluate/context.ts';
import { evaluateRequest } from '../evaluate/engine.ts';
import { parseCaller } from '../evaluate/principal.ts';
import { METHODS, type Method } from './methods.ts';
import type { AccountIam, Principal } from './principals.ts';

/**
 * The privilege-escalation graph: for each principal, what it can become (another principal,
 * or administrator) by which method, every step decided by the evaluator against the
 * principal's own policies, boundary and the target's trust policy.
 */

export interface Step {
  from: string;
  method: string;
  description: string;
  actions: string[];
  /** The principal (or policy, group, function) acted on. */
  target: string;
  /** The principal whose permissions are gained; `admin` for administrator directly. */
  becomes: string;
}

export interface EscalationPath {
  principal: string;
  steps: Step[];
}

const ADMIN_PROBES = ['iam:AttachRolePolicy', 'iam:CreateUser', 'sts:AssumeRole', 'ec2:RunInstances', 's3:GetObject', 'kms:Decrypt', 'lambda:InvokeFunction', 'organizations:LeaveOrganization'];

function sampleArn(action: string, account: string): string {
  const [service, name] = action.split(':') as [string, string];
  const info = catalogAction(service, name);
  const ref = info?.resourceTypes.find((r) => r.required) ?? info?.resourceTypes[0];
  const template = ref ? catalogResourceType(service, ref.name)?.arn : undefined;
  if (!template) return '*';
  return template.replace('${Partition}', 'aws').replace('${Region}', 'us-east-1').replace('${Account}', account).replace(/\$\{[^}]*\}/g, 'vigil-escalation');
}

export class EscalationGraph {
  private readonly cache = new Map<string, boolean>();
  readonly byArn: Map<string, Principal>;

  constructor(readonly iam: AccountIam) {
    this.byArn = new Map(iam.principals.map((p) => [p.arn, p]));
  }

  /** Whether the principal may perform the action on the resource (its identity side). */
  can(principal: Principal, action: string, resource?: string): boolean {
    const targets = resource ? [resource] : [sampleArn(action, principal.account), '*'];
    // Only the snapshot's own principals are cached; what-if variants (an added group, a removed boundary) are not.
    const cacheable = this.byArn.get(principal.arn) === principal;
    const key = `${principal.arn}|${action}|${targets.join(',')}`;
    let answer = cacheable ? this.cache.get(key) : undefined;
    if (answer === undefined) {
      const caller = parseCaller(principal.arn);
      answer = targets.some((target) => evaluateRequest({ caller, action, resource: target, resourceAccount: principal.account, context: new RequestContext() }, { identity: principal.policies, boundary: principal.boundary }).decision === 'allowed');
      if (cacheable) this.cache.set(key, answer);
    }
    return answer;
  }

  isAdmin(principal: Principal): boolean {
    return ADMIN_PROBES.every((action) => this.can(principal, action, '*'));
  }

  /** Whether `principal` can assume `role`: the trust policy and (unless it names the caller) identity policy. */
  canAssume(principal: Principal, role: Principal): boolean {
    if (!role.trust || principal.arn === role.arn) return false;
    const outcome = evaluateRequest(
      { caller: parseCaller(principal.arn), action: 'sts:AssumeRole', resource: role.arn, resourceAccount: role.account, context: new RequestContext() },
      { identity: principal.policies, boundary: principal.boundary, resource: role.trust },
    );
    return outcome.decision === 'allowed';
  }

  trustsService(role: Principal, service: string): boolean {
    if (!role.trust) return false;
    return evaluateRequest({ caller: parseCaller(service), action: 'sts:AssumeRole', resource: role.arn, resourceAccount: role.account, context: new RequestContext() }, { identity: [], resource: role.trust }).decision === 'allowed';
  }

  private step(from: Principal, method: Method, target: string, becomes: string, actions = method.actions): Step {
    return { from: from.arn, method: method.id, description: method.title, actions, target, becomes };
  }

  /** Every single step a principal can take. */
  stepsFrom(p: Principal): Step[] {
    const out: Step[] = [];
    const users = this.iam.principals.filter((x) => x.kind === 'user');
    const roles = this.iam.principals.filter((x) => x.kind === 'role');
    for (const method of METHODS) {
      switch (method.target) {
        case 'self': {
          const applies = (method.id.includes('Role') && p.kind === 'role') || (method.id.includes('User') && p.kind === 'user');
          if (!applies) break;
          if (method.id.endsWith('PermissionsBoundary') && !p.boundary) break;
          if (method.actions.every((a) => this.can(p, a, p.arn))) {
            if (method.id.endsWith('PermissionsBoundary')) {
              if (this.isAdmin({ ...p, boundary: undefined })) out.push(this.step(p, method, p.arn, 'admin'));
            } else out.push(this.step(p, method, p.arn, 'admin'));
          }
          break;
        }
        case 'user':
          for (const u of users) {
            if (u.arn === p.arn) continue;
            if (method.id === 'CreateLoginProfile' && u.hasLoginProfile !== false) continue;
            if (method.id === 'UpdateLoginProfile' && u.hasLoginProfile !== true) continue;
            if (method.actions.every((a) => this.can(p, a, u.arn))) out.push(this.step(p, method, u.arn, u.arn));
          }
          break;
        case 'group-of-self':
          for (const g of p.groups) if (method.actions.every((a) => this.can(p, a, g))) out.push(this.step(p, method, g, 'admin'));
          break;
        case 'any-group':
          if (p.kind !== 'user') break;
          for (const g of this.iam.groups) {
            if (p.groups.includes(g.arn)) continue;
            if (method.actions.every((a) => this.can(p, a, g.arn))) {
              const member: Principal = { ...p, policies: [...p.policies, ...g.policies], groups: [...p.groups, g.arn] };
              if (this.isAdmin(member)) out.push(this.step(p, method, g.arn, 'admin'));
            }
          }
          break;
        case 'policy-of-self':
          for (const arn of p.managedPolicies) {
            if (arn.includes(':iam::aws:policy/')) continue; // AWS managed policies cannot be changed
            if (method.id === 'SetDefaultPolicyVersion' && !(this.iam.managedPolicies.get(arn)?.otherVersions ?? 0)) continue;
            if (method.actions.every((a) => this.can(p, a, arn))) out.push(this.step(p, method, arn, 'admin'));
          }
          break;
        case 'assumable-role':
          for (const r of roles) {
            if (!this.canAssume(p, r)) continue;
            if (method.id === 'AssumeRole') out.push(this.step(p, method, r.arn, r.arn));
            else if (method.actions.every((a) => this.can(p, a, r.arn))) out.push(this.step(p, method, r.arn, 'admin', [...method.actions, 'sts:AssumeRole']));
          }
          break;
        case 'role':
          for (const r of roles) {
            if (r.arn === p.arn || r.arn.includes(':role/aws-service-role/')) continue;
            if (this.can(p, 'iam:UpdateAssumeRolePolicy', r.arn) && !this.canAssume(p, r)) out.push(this.step(p, method, r.arn, r.arn));
          }
          break;
        case 'passable-role':
          for (const r of roles) {
            if (r.arn === p.arn || !this.trustsService(r, method.service!)) continue;
            if (!this.can(p, 'iam:PassRole', r.arn)) continue;
            if (method.actions.slice(1).every((a) => this.can(p, a))) out.push(this.step(p, method, r.arn, r.arn));
          }
          break;
        case 'function':
          for (const f of this.iam.functions) {
            const role = this.byArn.get(f.role);
            if (!role || role.arn === p.arn) continue;
            if (this.can(p, 'lambda:UpdateFunctionCode', f.arn)) out.push(this.step(p, method, f.arn, role.arn));
          }
          break;
      }
    }
    return out;
  }

  /** Shortest path to administrator for each principal that is not one already. */
  pathsToAdmin(): EscalationPath[] {
    const admins = new Set(this.iam.principals.filter((p) => this.isAdmin(p)).map((p) => p.arn));
    const edges = new Map<string, Step[]>();
    for (const p of this.iam.principals) edges.set(p.arn, this.stepsFrom(p));
    const out: EscalationPath[] = [];
    for (const start of this.iam.principals) {
      if (admins.has(start.arn)) continue;
      // Breadth-first: the first path found is a shortest one.
      const previous = new Map<string, Step | null>([[start.arn, null]]);
      const queue = [start.arn];
      let goal: Step | undefined;
      while (queue.length && !goal) {
        const current = queue.shift()!;
        for (const step of edges.get(current) ?? []) {
          if (step.becomes === 'admin' || admins.has(step.becomes)) {
            goal = step;
            break;
          }
          if (!previous.has(step.becomes)) {
            previous.set(step.becomes, step);
            queue.push(step.becomes);
          }
        }
      }
      if (!goal) continue;
      const steps: Step[] = [goal];
      for (let at = previous.get(goal.from); at; at = previous.get(at.from)) steps.unshift(at);
      out.push({ principal: start.arn, steps });
    }
    return out;
  }

  admins(): string[] {
    return this.iam.principals.filter((p) => this.isAdmin(p)).map((p) => p.arn);
  }
}
