import ipaddr from 'ipaddr.js';
import { getEntry, JsonSyntaxError, parseJson, type JsonNode } from '../policy/json.ts';
import { policyFromNode, scalarText, splitOperator, type Statement } from '../policy/model.ts';
import { action as catalogAction, actionNames, conditionKey, serviceExists } from '../policy/catalog.ts';
import { isKnownOperator, OPERATOR_NAMES } from '../evaluate/conditions.ts';
import { actionMatches, arnMatches } from '../evaluate/match.ts';
import { LEARN_MORE, locationOf, type FindingType, type PolicyIssue, type PolicyType } from './types.ts';

/**
 * Access Analyzer's ValidatePolicy checks (IAM User Guide, "Access Analyzer policy check
 * reference"), with the same issue codes and finding types and locations as path + span.
 */

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_KEYS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);

/** Policy size quotas (characters, whitespace not counted), per the IAM and service quotas. */
const SIZE_QUOTA: Record<PolicyType, { limit: number; code: string }> = {
  IDENTITY_POLICY: { limit: 6144, code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA' },
  RESOURCE_POLICY: { limit: 20480, code: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA' },
  SERVICE_CONTROL_POLICY: { limit: 5120, code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA' },
  RESOURCE_CONTROL_POLICY: { limit: 5120, code: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA' },
};
const RESOURCE_POLICY_QUOTAS: Record<string, number> = {
  'AWS::S3::Bucket': 20480,
  'AWS::KMS::Key': 32768,
  'AWS::IAM::AssumeRolePolicyDocument': 2048,
  'AWS::SQS::Queue': 8192,
  'AWS::SNS::Topic': 30720,
  'AWS::SecretsManager::Secret': 20480,
  'AWS::Lambda::Function': 20480,
  'AWS::ECR::Repository': 10240,
};

export interface ValidateOptions {
  policyType: PolicyType;
  resourceType?: string;
}

function operatorFamily(base: string): string | undefined {
  const b = base.toLowerCase();
  if (b.startsWith('string')) return 'String';
  if (b.startsWith('numeric')) return 'Numeric';
  if (b.startsWith('date')) return 'Date';
  if (b === 'bool') return 'Bool';
  if (b === 'binaryequals') return 'Binary';
  if (b === 'ipaddress' || b === 'notipaddress') return 'IPAddress';
  if (b.startsWith('arn')) return 'ARN';
  if (b === 'null') return 'Null';
  return undefined;
}

/** Which operator families fit a key's catalog type. */
function familyFitsType(family: string, keyType: string): boolean {
  const t = keyType.replace(/^ArrayOf/, '');
  switch (family) {
    case 'String':
      return t === 'String' || t === 'ARN' || t === 'Arn';
    case 'ARN':
      return t === 'ARN' || t === 'Arn' || t === 'String';
    case 'Numeric':
      return t === 'Numeric' || t === 'Long' || t === 'Integer';
    case 'Date':
      return t === 'Date';
    case 'Bool':
      return t === 'Bool' || t === 'Boolean';
    case 'IPAddress':
      return t === 'IPAddress' || t === 'IpAddress';
    case 'Binary':
      return t === 'Binary';
    default:
      return true;
  }
}

const PRIVATE_RANGES = ['private', 'loopback', 'linkLocal', 'uniqueLocal', 'carrierGradeNat'];

function isPrivateRange(cidr: string): boolean | undefined {
  try {
    const [address] = cidr.includes('/') ? ipaddr.parseCIDR(cidr) : [ipaddr.parse(cidr)];
    return PRIVATE_RANGES.includes(address.range());
  } catch {
    return undefined;
  }
}

class Checker {
  readonly issues: PolicyIssue[] = [];
  constructor(
    private readonly text: string,
    private readonly options: ValidateOptions,
  ) {}

  add(issueCode: string, findingType: FindingType, findingDetails: string, node: JsonNode | { path: string; start: JsonNode['start']; end: JsonNode['end'] }): void {
    this.issues.push({ issueCode, findingType, findingDetails, learnMoreLink: `${LEARN_MORE}#access-analyzer-reference-policy-checks-${findingType.toLowerCase().replace('_', '-')}-${issueCode.toLowerCase().replace(/_/g, '-')}`, locations: [locationOf(node)] });
  }

  run(): PolicyIssue[] {
    let root: JsonNode;
    try {
      root = parseJson(this.text);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const p = error.position;
      this.add('JSON_SYNTAX_ERROR', 'ERROR', `The policy is not valid JSON: ${error.message}.`, { path: '', start: p, end: { ...p, column: p.column + 1, offset: p.offset + 1 } });
      return this.issues;
    }
    this.checkDuplicateKeys(root);
    if (root.kind !== 'object') {
      this.add('JSON_SYNTAX_ERROR', 'ERROR', 'A policy must be a JSON object.', root);
      return this.issues;
    }
    this.checkSize();
    for (const entry of root.entries) {
      if (!TOP_LEVEL.has(entry.key)) this.add('INVALID_POLICY_ELEMENT', 'ERROR', `The policy element ${entry.key} is not valid.`, { path: entry.value.path, ...entry.keySpan });
    }
    const version = getEntry(root, 'Version');
    if (!version) this.add('MISSING_VERSION', 'WARNING', 'We recommend that you specify the Version element: "Version": "2012-10-17".', root);
    else if (version.value.kind !== 'string' || !['2012-10-17', '2008-10-17'].includes(version.value.value))
      this.add('INVALID_VERSION', 'ERROR', 'The Version must be 2012-10-17 (or the older 2008-10-17).', version.value);
    else if (version.value.value === '2008-10-17' && /\$\{/.test(this.text))
      this.add('INVALID_VERSION', 'ERROR', 'Policy variables need "Version": "2012-10-17".', version.value);

    const statementEntry = getEntry(root, 'Statement');
    if (!statementEntry) {
      this.add('MISSING_STATEMENT', 'ERROR', 'The policy has no Statement element.', root);
      return this.issues;
    }
    const statementNode = statementEntry.value;
    const nodes = statementNode.kind === 'array' ? statementNode.items : [statementNode];
    if (statementNode.kind === 'array' && nodes.length === 0) this.add('MISSING_STATEMENT', 'ERROR', 'The Statement array is empty.', statementNode);
    const policy = policyFromNode(root, 'policy');
    const sids = new Map<string, JsonNode>();
    for (const node of nodes) {
      if (node.kind !== 'object') {
        this.add('INVALID_POLICY_ELEMENT', 'ERROR', 'A statement must be a JSON object.', node);
        continue;
      }
      const sid = getEntry(node, 'Sid')?.value;
      if (sid?.kind === 'string') {
        if (sid.value === '') this.add('EMPTY_SID_VALUE', 'SUGGESTION', 'Remove the empty Sid or give it a value.', sid);
        else if (sids.has(sid.value)) this.add('UNIQUE_SIDS_REQUIRED', 'ERROR', `The Sid ${sid.value} is used by more than one statement.`, sid);
        else sids.set(sid.value, sid);
      }
    }
    for (const statement of policy.statements) this.checkStatement(statement);
    this.checkRedundantStatements(policy.statements);
    return this.issues;
  }

  private checkDuplicateKeys(node: JsonNode): void {
    if (node.kind === 'object') {
      const seen = new Map<string, string>();
      for (const entry of node.entries) {
        const lower = entry.key.toLowerCase();
        const previous = seen.get(lower);
        if (previous !== undefined) {
          if (previous === entry.key) this.add('DUPLICATE_KEYS', 'ERROR', `The key ${entry.key} appears more than once; only one would count.`, { path: entry.value.path, ...entry.keySpan });
          else this.add('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', 'ERROR', `The keys ${previous} and ${entry.key} differ only in case.`, { path: entry.value.path, ...entry.keySpan });
        } else seen.set(lower, entry.key);
        this.checkDuplicateKeys(entry.value);
      }
    } else if (node.kind === 'array') node.items.forEach((item) => this.checkDuplicateKeys(item));
  }

  private checkSize(): void {
    const size = this.text.replace(/\s+/g, '').length;
    const quota = SIZE_QUOTA[this.options.policyType];
    const limit = this.options.policyType === 'RESOURCE_POLICY' && this.options.resourceType ? RESOURCE_POLICY_QUOTAS[this.options.resourceType] ?? quota.limit : quota.limit;
    if (size > limit) {
      const code = this.options.resourceType === 'AWS::IAM::AssumeRolePolicyDocument' ? 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA' : quota.code;
      this.add(code, 'ERROR', `The policy has ${size} characters without whitespace; the quota is ${limit}.`, { path: '', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } });
    }
  }

  private checkStatement(statement: Statement): void {
    const node = statement.node;
    const type = this.options.policyType;
    if (node.kind !== 'object') return;
    for (const entry of node.entries) {
      if (!STATEMENT_ELEMENTS.has(entry.key)) this.add('INVALID_POLICY_ELEMENT', 'ERROR', `The statement element ${entry.key} is not valid.`, { path: entry.value.path, ...entry.keySpan });
    }
    const field = (name: string) => getEntry(node, name)?.value;
    const effect = field('Effect');
    if (!effect) this.add('MISSING_EFFECT', 'ERROR', 'Add an Effect element (Allow or Deny) to the statement.', node);
    else if (!statement.effect) this.add('INVALID_EFFECT', 'ERROR', 'The Effect must be Allow or Deny (case-sensitive).', effect);

    const action = field('Action');
    const notAction = field('NotAction');
    if (!action && !notAction) this.add('MISSING_ACTION', 'ERROR', 'Add an Action or NotAction element to the statement.', node);
    if (action && notAction) this.add('UNSUPPORTED_ELEMENT_COMBINATION', 'ERROR', 'A statement cannot have both Action and NotAction.', notAction);
    const resource = field('Resource');
    const notResource = field('NotResource');
    if (resource && notResource) this.add('UNSUPPORTED_ELEMENT_COMBINATION', 'ERROR', 'A statement cannot have both Resource and NotResource.', notResource);
    const principal = field('Principal');
    const notPrincipal = field('NotPrincipal');
    if (principal && notPrincipal) this.add('UNSUPPORTED_ELEMENT_COMBINATION', 'ERROR', 'A statement cannot have both Principal and NotPrincipal.', notPrincipal);

    const trustPolicy = this.options.resourceType === 'AWS::IAM::AssumeRolePolicyDocument';
    if (!resource && !notResource && type !== 'RESOURCE_POLICY') this.add('MISSING_RESOURCE', 'ERROR', 'Add a Resource or NotResource element to the statement.', node);
    if (trustPolicy && (resource || notResource)) this.add('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', 'ERROR', 'A role trust policy must not have a Resource element.', (resource ?? notResource)!);
    if (type === 'IDENTITY_POLICY' && (principal || notPrincipal)) this.add('UNSUPPORTED_PRINCIPAL', 'ERROR', 'Identity policies do not take a Principal or NotPrincipal element.', (principal ?? notPrincipal)!);
    if (type === 'SERVICE_CONTROL_POLICY' && (principal || notPrincipal)) this.add('SCP_SYNTAX_ERROR_PRINCIPAL', 'ERROR', 'Service control policies do not take a Principal or NotPrincipal element.', (principal ?? notPrincipal)!);
    if (type === 'RESOURCE_CONTROL_POLICY' && principal && !(principal.kind === 'string' && principal.value === '*')) this.add('RCP_SYNTAX_ERROR_PRINCIPAL', 'ERROR', 'Resource control policies require "Principal": "*".', principal);
    if (type === 'RESOURCE_CONTROL_POLICY' && statement.effect === 'Allow' && !(statement.actions?.every((a) => a.value === '*') ?? false))
      this.add('RCP_SYNTAX_ERROR_ALLOW', 'ERROR', 'RCPs support only Deny statements (besides RCPFullAccess).', effect ?? node);
    if (type === 'RESOURCE_POLICY' && !principal && !notPrincipal) this.add('MISSING_PRINCIPAL', 'ERROR', 'Resource policies need a Principal or NotPrincipal element.', node);
    if (notPrincipal && statement.effect === 'Allow') this.add('ALLOW_WITH_NOT_PRINCIPAL', 'SECURITY_WARNING', 'Allow with NotPrincipal grants access to every principal not listed, including anonymous users. Use Principal instead.', notPrincipal);
    if (trustPolicy && notPrincipal) this.add('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', 'ERROR', 'Role trust policies do not support NotPrincipal.', notPrincipal);

    for (const [name, el] of [['Action', action], ['NotAction', notAction], ['Resource', resource], ['NotResource', notResource]] as const) {
      if (el?.kind === 'array' && el.items.length === 0) this.add(`EMPTY_ARRAY_${name.replace('Not', '').toUpperCase()}`, 'SUGGESTION', `The ${name} array is empty: the statement matches nothing.`, el);
      if (el && el.kind !== 'string' && el.kind !== 'array') this.add('INVALID_POLICY_ELEMENT', 'ERROR', `${name} must be a string or an array of strings.`, el);
      if (el?.kind === 'array') for (const item of el.items) if (item.kind !== 'string') this.add('INVALID_POLICY_ELEMENT', 'ERROR', `Each ${name} value must be a string.`, item);
    }
    for (const p of [principal, notPrincipal]) if (p) this.checkPrincipal(p);

    for (const a of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) this.checkAction(a.value, a.node);
    for (const r of [...(statement.resources ?? []), ...(statement.notResources ?? [])]) this.checkResource(r.value, r.node);
    this.checkRedundant(statement.actions ?? statement.notActions ?? [], 'REDUNDANT_ACTION', (a, b) => actionMatches(a, b));
    this.checkRedundant(statement.resources ?? statement.notResources ?? [], 'REDUNDANT_RESOURCE', (a, b) => a === '*' || arnMatches(a, b));
    this.checkPassRoleAndSlr(statement);
    this.checkConditions(statement, field('Condition'));
  }

  private checkPrincipal(node: JsonNode): void {
    if (node.kind === 'string') {
      if (node.value !== '*') this.add('INVALID_PRINCIPAL_FORMAT', 'ERROR', 'A Principal string must be "*"; name principals in an object such as {"AWS": "…"}.', node);
      return;
    }
    if (node.kind !== 'object') {
      this.add('INVALID_PRINCIPAL_FORMAT', 'ERROR', 'The Principal must be "*" or an object.', node);
      return;
    }
    if (node.entries.length === 0) this.add('EMPTY_OBJECT_PRINCIPAL', 'SUGGESTION', 'The Principal object is empty.', node);
    for (const entry of node.entries) {
      if (!PRINCIPAL_KEYS.has(entry.key)) {
        this.add('INVALID_PRINCIPAL_KEY', 'ERROR', `The principal key ${entry.key} is not valid; use AWS, Service, Federated or CanonicalUser.`, { path: entry.value.path, ...entry.keySpan });
        continue;
      }
      const items = entry.value.kind === 'array' ? entry.value.items : [entry.value];
      if (entry.value.kind === 'array' && items.length === 0) this.add('EMPTY_ARRAY_PRINCIPAL', 'SUGGESTION', 'The principal array is empty.', entry.value);
      for (const item of items) {
        if (item.kind !== 'string') {
          this.add('INVALID_PRINCIPAL_FORMAT', 'ERROR', 'Principal values must be strings.', item);
          continue;
        }
        const v = item.value;
        if (entry.key === 'AWS' && v !== '*' && !/^\d{12}$/.test(v) && !/^arn:[\w-]+:(iam|sts)::\d{12}:.+$/.test(v) && !/^[A-Z0-9]{21}$/.test(v))
          this.add('INVALID_PRINCIPAL_FORMAT', 'ERROR', `The AWS principal ${v} is not an account id or an IAM/STS ARN.`, item);
        else if (entry.key === 'AWS' && v !== '*' && v.includes('*')) this.add('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'ERROR', 'Wildcards are not supported in principal ARNs; use "*" with a condition on aws:PrincipalArn.', item);
        if (entry.key === 'Service' && !/^[a-z0-9.-]+\.(amazonaws\.com(\.cn)?|aws\.internal)$/.test(v)) this.add('INVALID_SERVICE_PRINCIPAL_FORMAT', 'ERROR', `The service principal ${v} is not valid.`, item);
      }
    }
  }

  private checkAction(value: string, node: JsonNode): void {
    if (value === '*') return;
    const colon = value.indexOf(':');
    if (colon <= 0) {
      this.add('INVALID_ACTION', 'ERROR', `The action ${value} is not of the form service:action.`, node);
      return;
    }
    const service = value.slice(0, colon);
    const name = value.slice(colon + 1);
    if (/[*?]/.test(service)) {
      this.add('WILDCARD_IN_SERVICE_NAME', 'SUGGESTION', 'Avoid wildcards in the service prefix of an action.', node);
      return;
    }
    if (!serviceExists(service)) {
      this.add('INVALID_SERVICE_IN_ACTION', 'ERROR', `The service ${service} in action ${value} does not exist.`, node);
      return;
    }
    if (service !== service.toLowerCase()) this.add('INVALID_SERVICE_CASE', 'WARNING', `Write the service prefix ${service} in lower case.`, node);
    if (/[*?]/.test(name)) {
      if (!actionNames(service).some((a) => actionMatches(`${service}:${name}`, `${service}:${a}`))) this.add('INVALID_ACTION', 'ERROR', `The action ${value} matches no action of ${service}.`, node);
    } else if (!catalogAction(service, name)) this.add('INVALID_ACTION', 'ERROR', `The action ${value} does not exist.`, node);
  }

  private checkResource(value: string, node: JsonNode): void {
    if (value === '*') return;
    if (!value.startsWith('arn:')) {
      this.add(value.includes(':') ? 'INVALID_ARN_PREFIX' : 'INVALID_ARN', 'ERROR', `The resource ${value} is not an ARN; it must start with arn: (or be *).`, node);
      return;
    }
    const parts = value.replace(/\$\{[^}]*\}/g, 'V').split(':');
    if (parts.length < 6) {
      this.add('MISSING_ARN_FIELD', 'ERROR', `The ARN ${value} needs six colon-separated parts: arn:partition:service:region:account:resource.`, node);
      return;
    }
    const [, partition, service, region, account] = parts as [string, string, string, string, string];
    if (!/[*?]/.test(partition) && partition !== 'V' && !PARTITIONS.has(partition)) this.add('INVALID_PARTITION', 'ERROR', `The partition ${partition} does not exist.`, node);
    if (service !== service.toLowerCase()) this.add('INVALID_ARN_SERVICE_CASE', 'ERROR', `Write the service ${service} of the ARN in lower case.`, node);
    if (account && !/^(\d{12}|[\d*?]*[*?][\d*?]*|V|aws)$/.test(account)) this.add('INVALID_ARN_ACCOUNT', 'ERROR', `The account ${account} in the ARN is not a 12-digit account id.`, node);
    if (region && !/^([a-z]{2}(-[a-z]+)+-\d|\*|V|[a-z0-9-]*[*?][a-z0-9*?-]*)$/.test(region)) this.add('INVALID_ARN_REGION', 'ERROR', `The Region ${region} in the ARN is not valid.`, node);
    if (service === 's3' && (region || (account && account !== 'V'))) this.add('ARN_REGION_NOT_ALLOWED_FOR_RESOURCE', 'ERROR', 'S3 bucket and object ARNs have no Region or account.', node);
    if (service === 'iam' && region) this.add('ARN_REGION_NOT_ALLOWED_FOR_RESOURCE', 'ERROR', 'IAM ARNs have no Region.', node);
  }

  private checkRedundant(items: Array<{ value: string; node: JsonNode }>, code: string, covers: (pattern: string, value: string) => boolean): void {
    items.forEach((item, i) => {
      const coveredBy = items.find((other, j) => j !== i && other.value !== item.value && covers(other.value, item.value));
      const duplicate = items.findIndex((other) => other.value === item.value) < i;
      if (coveredBy || duplicate) this.add(code, 'SUGGESTION', coveredBy ? `${item.value} is already covered by ${coveredBy.value}.` : `${item.value} is listed more than once.`, item.node);
    });
  }

  private checkPassRoleAndSlr(statement: Statement): void {
    if (statement.effect !== 'Allow') return;
    const grants = (target: string) =>
      statement.actions ? statement.actions.some((a) => actionMatches(a.value, target)) : statement.notActions ? !statement.notActions.some((a) => actionMatches(a.value, target)) : false;
    const star = statement.resources?.find((r) => r.value === '*' || /^arn:[^:]+:iam::\*:\*?$/.test(r.value) || r.value === 'arn:aws:iam::*:role/*');
    const where = star?.node ?? statement.node;
    const byAction = statement.notActions ? 'NOT_ACTION' : statement.actions?.some((a) => a.value === '*') ? 'STAR_IN_ACTION' : undefined;
    if (grants('iam:PassRole') && !statement.conditions.some((c) => c.key.toLowerCase() === 'iam:passedtoservice')) {
      if (statement.notResources) this.add(byAction ? `PASS_ROLE_WITH_${byAction}_AND_NOT_RESOURCE` : 'PASS_ROLE_WITH_NOT_RESOURCE', 'SECURITY_WARNING', 'iam:PassRole with NotResource lets the principal pass almost any role to a service.', statement.notResources[0]!.node);
      else if (star) this.add(byAction ? `PASS_ROLE_WITH_${byAction}_AND_STAR_IN_RESOURCE` : 'PASS_ROLE_WITH_STAR_IN_RESOURCE', 'SECURITY_WARNING', 'Using iam:PassRole with a wildcard in the resource can be overly permissive; name the role ARNs or add the iam:PassedToService condition key.', where);
    }
    if (grants('iam:CreateServiceLinkedRole') && !statement.conditions.some((c) => c.key.toLowerCase() === 'iam:awsservicename')) {
      if (statement.notResources) this.add(byAction ? `CREATE_SLR_WITH_${byAction}_AND_NOT_RESOURCE` : 'CREATE_SLR_WITH_NOT_RESOURCE', 'WARNING', 'iam:CreateServiceLinkedRole with NotResource allows creating service-linked roles for many services.', statement.notResources[0]!.node);
      else if (star) this.add(byAction ? `CREATE_SLR_WITH_${byAction}_AND_STAR_IN_RESOURCE` : 'CREATE_SLR_WITH_STAR_IN_RESOURCE', 'WARNING', 'iam:CreateServiceLinkedRole with a wildcard resource allows any service-linked role; name the role ARN or add the iam:AWSServiceName condition key.', where);
    }
  }

  private checkConditions(statement: Statement, node: JsonNode | undefined): void {
    if (!node) return;
    if (node.kind !== 'object') {
      this.add('INVALID_POLICY_ELEMENT', 'ERROR', 'Condition must be an object.', node);
      return;
    }
    if (node.entries.length === 0) this.add('EMPTY_OBJECT_CONDITION', 'SUGGESTION', 'The Condition object is empty.', node);
    for (const op of node.entries) {
      const opLocation = { path: op.value.path, ...op.keySpan };
      const parts = splitOperator(op.key);
      if (!isKnownOperator(parts.base) || !OPERATOR_NAMES.includes(parts.base) || (/^for(all|any)values:/i.test(op.key) && !/^(ForAllValues|ForAnyValue):/.test(op.key))) {
        this.add('INVALID_OPERATOR', 'ERROR', `The condition operator ${op.key} is not valid.`, opLocation);
        continue;
      }
      if (parts.base === 'Null' && parts.ifExists) this.add('NULL_WITH_IF_EXISTS', 'ERROR', 'The Null operator cannot be used with IfExists.', opLocation);
      if (parts.base === 'Null' && parts.set) this.add('NULL_WITH_QUALIFIER', 'ERROR', 'The Null operator cannot be used with ForAllValues or ForAnyValue.', opLocation);
      if (op.value.kind !== 'object') {
        this.add('INVALID_POLICY_ELEMENT', 'ERROR', 'A condition operator takes an object of keys and values.', op.value);
        continue;
      }
      if (op.value.entries.length === 0) this.add('EMPTY_OBJECT_CONDITION', 'SUGGESTION', `The ${op.key} block is empty.`, op.value);
      const family = operatorFamily(parts.base)!;
      for (const keyEntry of op.value.entries) {
        const keyLocation = { path: keyEntry.value.path, ...keyEntry.keySpan };
        const key = keyEntry.key;
        const catalogKey = conditionKey(key);
        if (!catalogKey) {
          if (/^aws:/i.test(key)) this.add('INVALID_GLOBAL_CONDITION_KEY', 'ERROR', `The global condition key ${key} does not exist.`, keyLocation);
          else if (!key.includes(':')) this.add('INVALID_CONDITION_KEY_FORMAT', 'ERROR', `The condition key ${key} is not of the form prefix:name.`, keyLocation);
          else this.add('INVALID_SERVICE_CONDITION_KEY', 'ERROR', `The condition key ${key} does not exist for its service.`, keyLocation);
        } else if (family !== 'Null' && !familyFitsType(family, catalogKey.type) && !(key.toLowerCase() === 'aws:epochtime' && family === 'Numeric')) {
          // aws:EpochTime is documented as both a date and a number.
          this.add('DATA_TYPE_MISMATCH', 'ERROR', `The operator ${op.key} does not fit ${key}, whose type is ${catalogKey.type}.`, opLocation);
        }
        if (catalogKey && parts.set === 'ForAllValues' && !catalogKey.type.startsWith('ArrayOf'))
          this.add('FORALLVALUES_WITH_SINGLE_VALUED_KEY', 'SECURITY_WARNING', `ForAllValues with the single-valued key ${key} is true when the key is missing, which can grant more than intended. Remove the qualifier.`, opLocation);
        if (catalogKey && parts.set === 'ForAnyValue' && !catalogKey.type.startsWith('ArrayOf'))
          this.add('FORANYVALUE_WITH_SINGLE_VALUED_KEY', 'WARNING', `ForAnyValue with the single-valued key ${key} is unnecessary. Remove the qualifier.`, opLocation);
        const values = keyEntry.value.kind === 'array' ? keyEntry.value.items : [keyEntry.value];
        if (keyEntry.value.kind === 'array' && values.length === 0) {
          const code = parts.set === 'ForAllValues' ? 'EMPTY_ARRAY_CONDITION_FORALLVALUES' : parts.set === 'ForAnyValue' ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE' : parts.ifExists ? 'EMPTY_ARRAY_CONDITION_IFEXISTS' : 'EMPTY_ARRAY_CONDITION';
          this.add(code, 'SUGGESTION', 'The condition has no values.', keyEntry.value);
        }
        const seen = new Set<string>();
        for (const valueNode of values) {
          const text = scalarText(valueNode);
          if (text === undefined) {
            this.add('INVALID_POLICY_ELEMENT', 'ERROR', 'Condition values must be strings, numbers or booleans.', valueNode);
            continue;
          }
          if (seen.has(text)) this.add('REDUNDANT_CONDITION_VALUE_NUM', 'SUGGESTION', `The value ${text} is listed more than once.`, valueNode);
          seen.add(text);
          this.checkConditionValue(family, parts.base, text, valueNode);
        }
      }
    }
    void statement;
  }

  private checkConditionValue(family: string, base: string, text: string, node: JsonNode): void {
    switch (family) {
      case 'Numeric':
        if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text.trim())) this.add('TYPE_MISMATCH_NUMBER', 'ERROR', `${text} is not a number.`, node);
        break;
      case 'Date':
        if (!/^-?\d+$/.test(text) && Number.isNaN(Date.parse(text))) this.add('TYPE_MISMATCH_DATE', 'ERROR', `${text} is not a date (ISO 8601 or epoch seconds).`, node);
        break;
      case 'Bool':
      case 'Null':
        if (!/^(true|false)$/i.test(text)) this.add('TYPE_MISMATCH_BOOLEAN', 'ERROR', `${text} is not true or false.`, node);
        break;
      case 'IPAddress': {
        const isPrivate = isPrivateRange(text);
        if (isPrivate === undefined) this.add('TYPE_MISMATCH_IP_RANGE', 'ERROR', `${text} is not an IP address or CIDR range.`, node);
        else if (isPrivate) this.add(base === 'NotIpAddress' ? 'PRIVATE_NOT_IP_ADDRESS' : 'PRIVATE_IP_ADDRESS', 'WARNING', `aws:SourceIp never carries private addresses such as ${text}; requests through a VPC endpoint carry aws:VpcSourceIp.`, node);
        break;
      }
      case 'String':
        if ((base === 'StringEquals' || base === 'StringNotEquals') && /[*?]/.test(text.replace(/\$\{[^}]*\}/g, '')))
          this.add('WILDCARD_WITHOUT_LIKE_OPERATOR', 'WARNING', `${text} has a wildcard but ${base} compares literally; use StringLike.`, node);
        break;
      case 'ARN':
        if (text !== '*' && !text.startsWith('arn:') && !/\$\{/.test(text)) this.add('INVALID_ARN', 'ERROR', `${text} is not an ARN.`, node);
        break;
    }
  }

  private checkRedundantStatements(statements: Statement[]): void {
    const canonical = statements.map((s) => {
      const plain = (n: JsonNode): unknown => (n.kind === 'object' ? Object.fromEntries(n.entries.filter((e) => e.key !== 'Sid').map((e) => [e.key, plain(e.value)]).sort()) : n.kind === 'array' ? n.items.map(plain) : n.kind === 'null' ? null : n.value);
      return JSON.stringify(plain(s.node));
    });
    canonical.forEach((text, i) => {
      if (canonical.indexOf(text) < i) this.add('REDUNDANT_STATEMENT', 'SUGGESTION', `This statement repeats statement ${canonical.indexOf(text)}.`, statements[i]!.node);
    });
  }
}

export function validatePolicy(text: string, options: ValidateOptions): PolicyIssue[] {
  return new Checker(text, options).run();
}

