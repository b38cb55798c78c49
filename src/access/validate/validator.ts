import ipaddr from 'ipaddr.js';
import { getEntry, JsonSyntaxError, parseJson, type JsonNode } from '../policy/json.ts';
import { policyFromNode, scalarText, splitOperator, type Statement } from '../policy/model.ts';
import { action as catalogAction, actionNames, conditionKey, service as catalogService, serviceExists } from '../policy/catalog.ts';
import { isKnownOperator, OPERATOR_NAMES } from '../evaluate/conditions.ts';
import { actionMatches, arnMatches } from '../evaluate/match.ts';
import { LEARN_MORE, locationOf, type FindingType, type PolicyIssue, type PolicyType } from './types.ts';

/**
 * Access Analyzer's ValidatePolicy checks (IAM User Guide, "IAM policy validation check
 * reference"), with the same issue codes and finding types and locations as path + span.
 * Every issue code emitted here is one of the codes in that published catalogue (see
 * docs/readme/60-access.md for which were confirmed); the finding details are our own words.
 */

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_KEYS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);

/** Policy size quotas (characters, whitespace not counted), per the IAM and service quotas. */
const SIZE_QUOTA: Record<PolicyType, { limit: number; code: string; type: FindingType }> = {
  IDENTITY_POLICY: { limit: 6144, code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', type: 'WARNING' },
  RESOURCE_POLICY: { limit: 20480, code: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA', type: 'WARNING' },
  SERVICE_CONTROL_POLICY: { limit: 5120, code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA', type: 'ERROR' },
  RESOURCE_CONTROL_POLICY: { limit: 5120, code: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA', type: 'ERROR' },
};
/** Tag condition keys that need a `/tag-key` suffix. */
const TAG_KEY = /^[a-z0-9-]+:(resourcetag|requesttag|principaltag)$/i;
/** IAM unique ids: AROA… roles, AIDA… users (IAM replaces ARNs with them when a principal is deleted). */
const ROLE_ID = /^AROA[A-Z0-9]{12,}$/;
const USER_ID = /^AIDA[A-Z0-9]{12,}$/;
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

/** The catalogue's anchors name the finding type like this. */
const ANCHOR: Record<FindingType, string> = { ERROR: 'error', SECURITY_WARNING: 'security-warning', WARNING: 'general-warning', SUGGESTION: 'suggestion' };

/** Policy variables in a string: `${name}` or `${name, 'default'}`; reports the first malformed one. */
function variableProblem(text: string): { code: string; details: string } | undefined {
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 2)) {
    const close = text.indexOf('}', i);
    if (close < 0) return { code: 'MISSING_BRACE_IN_VARIABLE', details: 'A policy variable opened with ${ is never closed with }.' };
    const inner = text.slice(i + 2, close);
    if (['*', '?', '$'].includes(inner)) continue; // ${*}, ${?}, ${$} are the escapes for literal characters
    if (inner.trim() === '') return { code: 'EMPTY_VARIABLE', details: 'The policy variable ${} names nothing; remove it or put a variable name inside.' };
    const comma = inner.indexOf(',');
    const name = comma < 0 ? inner : inner.slice(0, comma);
    if (/\s/.test(name)) return { code: 'UNSUPPORTED_SPACE_IN_VARIABLE', details: `The policy variable name "${name}" contains a space, which variable names cannot hold.` };
    if (comma >= 0) {
      const fallback = inner.slice(comma + 1).trim();
      if (!/^'.*'$/.test(fallback)) return { code: 'MISSING_QUOTE_IN_VARIABLE', details: 'The default value of a policy variable must be wrapped in single quotes.' };
    }
  }
  return undefined;
}

class Checker {
  readonly issues: PolicyIssue[] = [];
  constructor(
    private readonly text: string,
    private readonly options: ValidateOptions,
  ) {}

  add(issueCode: string, findingType: FindingType, findingDetails: string, node: JsonNode | { path: string; start: JsonNode['start']; end: JsonNode['end'] }): void {
    this.issues.push({ issueCode, findingType, findingDetails, learnMoreLink: `${LEARN_MORE}#access-analyzer-reference-policy-checks-${ANCHOR[findingType]}-${issueCode.toLowerCase().replace(/_/g, '-')}`, locations: [locationOf(node)] });
  }

  run(): PolicyIssue[] {
    let root: JsonNode;
    try {
      root = parseJson(this.text);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const p = error.position;
      this.add('JSON_SYNTAX_ERROR', 'ERROR', `The document is not valid JSON (${error.message}); fix the syntax at this place.`, { path: '', start: p, end: { ...p, column: p.column + 1, offset: p.offset + 1 } });
      return this.issues;
    }
    this.checkDuplicateKeys(root);
    if (root.kind !== 'object') {
      this.add('DATA_TYPE_MISMATCH', 'ERROR', 'A policy document must be a JSON object.', root);
      return this.issues;
    }
    this.checkSize();
    for (const entry of root.entries) {
      if (!TOP_LEVEL.has(entry.key)) this.add('INVALID_POLICY_ELEMENT', 'ERROR', `${entry.key} is not a policy element; only Version, Id and Statement belong at the top level.`, { path: entry.value.path, ...entry.keySpan });
    }
    const version = getEntry(root, 'Version');
    if (!version) this.add('MISSING_VERSION', 'WARNING', 'The policy has no Version element; add "Version": "2012-10-17" so that newer features such as policy variables work and permission problems are easier to debug.', root);
    else if (version.value.kind !== 'string') this.add('DATA_TYPE_MISMATCH', 'ERROR', 'Version must be a JSON string.', version.value);
    else if (!['2012-10-17', '2008-10-17'].includes(version.value.value))
      this.add('INVALID_VERSION', 'ERROR', `${version.value.value} is not a policy language version; use 2012-10-17.`, version.value);
    else if (version.value.value === '2008-10-17' && /\$\{/.test(this.text))
      this.add('VARIABLE_UNSUPPORTED_IN_VERSION', 'ERROR', 'Policy variables need policy language version 2012-10-17; under 2008-10-17 they are literal text.', version.value);

    const statementEntry = getEntry(root, 'Statement');
    if (!statementEntry) {
      this.add('MISSING_STATEMENT', 'ERROR', 'The policy has no Statement element; add at least one statement.', root);
      return this.issues;
    }
    const statementNode = statementEntry.value;
    const nodes = statementNode.kind === 'array' ? statementNode.items : [statementNode];
    if (statementNode.kind === 'array' && nodes.length === 0) this.add('MISSING_STATEMENT', 'ERROR', 'The Statement array is empty; add at least one statement.', statementNode);
    const policy = policyFromNode(root, 'policy');
    const sids = new Map<string, JsonNode>();
    for (const node of nodes) {
      if (node.kind !== 'object') {
        this.add('DATA_TYPE_MISMATCH', 'ERROR', 'A statement must be a JSON object.', node);
        continue;
      }
      const sid = getEntry(node, 'Sid')?.value;
      if (sid && sid.kind !== 'string') this.add('DATA_TYPE_MISMATCH', 'ERROR', 'Sid must be a JSON string.', sid);
      if (sid?.kind === 'string') {
        if (sid.value === '') this.add('EMPTY_SID_VALUE', 'SUGGESTION', 'The Sid is an empty string; give it a value or remove it.', sid);
        else if (sids.has(sid.value)) {
          // IAM identity policies, SCPs and RCPs reject duplicate Sids; resource policies accept them.
          if (this.options.policyType === 'RESOURCE_POLICY') this.add('UNIQUE_SIDS_RECOMMENDED', 'WARNING', `The Sid ${sid.value} is used by more than one statement; give each statement its own Sid.`, sid);
          else this.add('UNIQUE_SIDS_REQUIRED', 'ERROR', `The Sid ${sid.value} is used by more than one statement, which this policy type does not accept.`, sid);
        } else sids.set(sid.value, sid);
        if (this.options.policyType !== 'RESOURCE_POLICY' && sid.value !== '' && !/^[A-Za-z0-9]+$/.test(sid.value))
          this.add('UNSUPPORTED_SID', 'ERROR', `The Sid ${sid.value} may contain only letters and digits in this policy type.`, sid);
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
          // The catalogue has no code for an exact repeat: a JSON object with a repeated key is malformed JSON to IAM.
          if (previous === entry.key) this.add('JSON_SYNTAX_ERROR', 'ERROR', `The key ${entry.key} appears twice in the same object; keep one.`, { path: entry.value.path, ...entry.keySpan });
          else this.add('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', 'ERROR', `The keys ${previous} and ${entry.key} name the same key with different capitalization in one block; keep one.`, { path: entry.value.path, ...entry.keySpan });
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
      this.add(code, quota.type, `The policy has ${size} characters not counting whitespace, over the quota of ${limit} for this policy type; split it into smaller policies.`, { path: '', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } });
    }
  }

  private checkStatement(statement: Statement): void {
    const node = statement.node;
    const type = this.options.policyType;
    if (node.kind !== 'object') return;
    for (const entry of node.entries) {
      if (!STATEMENT_ELEMENTS.has(entry.key)) this.add('INVALID_POLICY_ELEMENT', 'ERROR', `${entry.key} is not a statement element; remove it.`, { path: entry.value.path, ...entry.keySpan });
    }
    const field = (name: string) => getEntry(node, name)?.value;
    const effect = field('Effect');
    if (!effect) this.add('MISSING_EFFECT', 'ERROR', 'The statement has no Effect; add one whose value is Allow or Deny.', node);
    else if (effect.kind !== 'string') this.add('DATA_TYPE_MISMATCH', 'ERROR', 'Effect must be a JSON string (Allow or Deny).', effect);
    else if (!statement.effect) this.add('INVALID_EFFECT', 'ERROR', `${effect.value} is not an effect; use Allow or Deny.`, effect);

    const action = field('Action');
    const notAction = field('NotAction');
    if (!action && !notAction) this.add('MISSING_ACTION', 'ERROR', 'The statement has neither Action nor NotAction; add one of them.', node);
    if (action && notAction) this.add('UNSUPPORTED_ELEMENT_COMBINATION', 'ERROR', 'Action and NotAction cannot appear in the same statement; keep one.', notAction);
    const resource = field('Resource');
    const notResource = field('NotResource');
    if (resource && notResource) this.add('UNSUPPORTED_ELEMENT_COMBINATION', 'ERROR', 'Resource and NotResource cannot appear in the same statement; keep one.', notResource);
    const principal = field('Principal');
    const notPrincipal = field('NotPrincipal');
    if (principal && notPrincipal) this.add('UNSUPPORTED_ELEMENT_COMBINATION', 'ERROR', 'Principal and NotPrincipal cannot appear in the same statement; keep one.', notPrincipal);

    const trustPolicy = this.options.resourceType === 'AWS::IAM::AssumeRolePolicyDocument';
    if (!resource && !notResource && type !== 'RESOURCE_POLICY') this.add('MISSING_RESOURCE', 'ERROR', 'The statement has neither Resource nor NotResource; add one of them.', node);
    if (trustPolicy && (resource || notResource)) this.add('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', 'ERROR', 'A role trust policy names no resources (the role is the resource); remove Resource or NotResource.', (resource ?? notResource)!);
    if (type === 'IDENTITY_POLICY' && (principal || notPrincipal)) this.add('UNSUPPORTED_PRINCIPAL', 'ERROR', 'This policy type has no Principal element (the policy applies to the identity it is attached to); remove it.', (principal ?? notPrincipal)!);
    if (type === 'SERVICE_CONTROL_POLICY' && (principal || notPrincipal)) this.add('SCP_SYNTAX_ERROR_PRINCIPAL', 'ERROR', 'SCPs cannot name principals; remove Principal or NotPrincipal and use the aws:PrincipalArn condition key instead.', (principal ?? notPrincipal)!);
    if (type === 'RESOURCE_CONTROL_POLICY' && principal && !(principal.kind === 'string' && principal.value === '*')) this.add('RCP_SYNTAX_ERROR_PRINCIPAL', 'ERROR', 'In an RCP the Principal element must be "*"; narrow principals with conditions instead.', principal);
    if (type === 'RESOURCE_CONTROL_POLICY' && statement.effect === 'Allow' && !(statement.actions?.every((a) => a.value === '*') ?? false))
      this.add('RCP_SYNTAX_ERROR_ALLOW', 'ERROR', 'RCPs accept Allow only in the managed RCPFullAccess form (every action); use Deny statements.', effect ?? node);
    if (type === 'RESOURCE_POLICY' && !principal && !notPrincipal) this.add('MISSING_PRINCIPAL', 'ERROR', 'A resource policy statement must say who it applies to; add a Principal element.', node);
    if (notPrincipal && statement.effect === 'Allow') this.add('ALLOW_WITH_NOT_PRINCIPAL', 'SECURITY_WARNING', 'Allow with NotPrincipal grants access to every principal not listed, anonymous ones included; list the allowed principals in Principal instead.', notPrincipal);
    if (type === 'RESOURCE_CONTROL_POLICY' && notAction) this.add('RCP_SYNTAX_ERROR_NOTACTION', 'ERROR', 'RCPs do not support NotAction; list the denied actions in Action.', notAction);
    if (trustPolicy && principal?.kind === 'string' && principal.value === '*')
      this.add('ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'ERROR', 'A role trust policy cannot use "Principal": "*"; name the trusted principals (e.g. {"AWS": "111122223333"}).', principal);
    if (trustPolicy && principal?.kind === 'object') {
      const federated = getEntry(principal, 'Federated')?.value;
      for (const item of federated?.kind === 'array' ? federated.items : federated ? [federated] : [])
        if (item.kind === 'string' && /[*?]/.test(item.value))
          this.add('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', 'ERROR', 'A federated principal in a role trust policy must name the identity provider (its domain or SAML/OIDC provider ARN), not a wildcard.', item);
    }
    if (trustPolicy && notPrincipal) this.add('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', 'ERROR', 'A role trust policy cannot use NotPrincipal; name the trusted principals in Principal.', notPrincipal);

    for (const [name, el] of [['Action', action], ['NotAction', notAction], ['Resource', resource], ['NotResource', notResource]] as const) {
      if (el?.kind === 'array' && el.items.length === 0) this.add(`EMPTY_ARRAY_${name.replace('Not', '').toUpperCase()}`, 'SUGGESTION', `The ${name} array is empty, so the statement has no effect; list ${name.replace('Not', '').toLowerCase()}s in it.`, el);
      if (el && el.kind !== 'string' && el.kind !== 'array') this.add('DATA_TYPE_MISMATCH', 'ERROR', `${name} must be a JSON string or an array of strings.`, el);
      if (el?.kind === 'array') for (const item of el.items) if (item.kind !== 'string') this.add('DATA_TYPE_MISMATCH', 'ERROR', `Each ${name} value must be a JSON string.`, item);
    }
    for (const p of [principal, notPrincipal]) if (p) this.checkPrincipal(p);

    for (const a of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) {
      if (a.value.includes('${')) this.add('VARIABLE_UNSUPPORTED_IN_ELEMENT', 'ERROR', 'Policy variables work only in Resource and in Condition values; remove the variable from the action.', a.node);
      else this.checkAction(a.value, a.node);
    }
    for (const r of [...(statement.resources ?? []), ...(statement.notResources ?? [])]) {
      const problem = variableProblem(r.value);
      if (problem) this.add(problem.code, 'ERROR', problem.details, r.node);
      this.checkResource(r.value, r.node);
    }
    this.checkRedundant(statement.actions ?? statement.notActions ?? [], 'REDUNDANT_ACTION', (a, b) => actionMatches(a, b));
    this.checkRedundant(statement.resources ?? statement.notResources ?? [], 'REDUNDANT_RESOURCE', (a, b) => a === '*' || arnMatches(a, b));
    this.checkPassRoleAndSlr(statement);
    this.checkConditions(statement, field('Condition'));
  }

  private checkPrincipal(node: JsonNode): void {
    if (node.kind === 'string') {
      if (node.value !== '*') this.add('INVALID_PRINCIPAL_FORMAT', 'ERROR', 'A Principal given as a string can only be "*"; name principals as key-value pairs such as {"AWS": "111122223333"}.', node);
      return;
    }
    if (node.kind !== 'object') {
      this.add('INVALID_PRINCIPAL_FORMAT', 'ERROR', 'The Principal must be "*" or an object of key-value pairs.', node);
      return;
    }
    if (node.entries.length === 0) this.add('EMPTY_OBJECT_PRINCIPAL', 'SUGGESTION', 'The Principal object names no principals, so the statement has no effect; specify principals.', node);
    for (const entry of node.entries) {
      if (!PRINCIPAL_KEYS.has(entry.key)) {
        this.add('INVALID_PRINCIPAL_KEY', 'ERROR', `${entry.key} is not a principal key; use AWS, Service, Federated or CanonicalUser.`, { path: entry.value.path, ...entry.keySpan });
        continue;
      }
      const items = entry.value.kind === 'array' ? entry.value.items : [entry.value];
      if (entry.value.kind === 'array' && items.length === 0) this.add('EMPTY_ARRAY_PRINCIPAL', 'SUGGESTION', 'The principal array is empty, so the statement has no effect; specify principals.', entry.value);
      for (const item of items) {
        if (item.kind !== 'string') {
          this.add('DATA_TYPE_MISMATCH', 'ERROR', 'Principal values must be JSON strings.', item);
          continue;
        }
        const v = item.value;
        if (entry.key === 'AWS' && ROLE_ID.test(v)) this.add('INVALID_ROLE_REFERENCE', 'WARNING', `${v} is an IAM role's unique id, not its ARN; name the role by ARN (an id stops matching once the role is recreated).`, item);
        else if (entry.key === 'AWS' && USER_ID.test(v)) this.add('INVALID_USER_REFERENCE', 'WARNING', `${v} is an IAM user's unique id, not its ARN; name the user by ARN (an id stops matching once the user is recreated).`, item);
        else if (entry.key === 'AWS' && v !== '*' && !/^\d{12}$/.test(v) && !/^arn:[\w-]+:(iam|sts)::\d{12}:.+$/.test(v) && !/^[A-Z0-9]{21}$/.test(v))
          this.add('INVALID_PRINCIPAL_FORMAT', 'ERROR', `The AWS principal ${v} is neither an account id nor an IAM or STS ARN.`, item);
        else if (entry.key === 'AWS' && v !== '*' && /[*?]/.test(v)) this.add('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'ERROR', 'Wildcards cannot stand for part of a principal; use "*" with a condition on aws:PrincipalArn instead.', item);
        if (entry.key === 'Service' && !/^[a-z0-9.-]+\.(amazonaws\.com(\.cn)?|aws\.internal)$/.test(v)) this.add('INVALID_SERVICE_PRINCIPAL_FORMAT', 'ERROR', `${v} is not a service principal; they look like service-name.amazonaws.com.`, item);
      }
    }
  }

  private checkAction(value: string, node: JsonNode): void {
    if (value === '*') return;
    if (this.options.policyType === 'SERVICE_CONTROL_POLICY' && /[*?]/.test(value.replace(/\*$/, '')))
      this.add('SCP_SYNTAX_ERROR_ACTION_WILDCARD', 'ERROR', `In an SCP a wildcard may only end an action (iam:Get*), not sit inside it as in ${value}.`, node);
    const colon = value.indexOf(':');
    if (colon <= 0) {
      this.add('INVALID_ACTION', 'ERROR', `${value} is not an action; actions are written service:ActionName.`, node);
      return;
    }
    const service = value.slice(0, colon);
    const name = value.slice(colon + 1);
    if (/[*?]/.test(service)) {
      this.add('WILDCARD_IN_SERVICE_NAME', 'SUGGESTION', 'A wildcard in the service prefix can match services you did not intend, including future ones; name the service.', node);
      return;
    }
    if (!serviceExists(service)) {
      this.add('INVALID_SERVICE_IN_ACTION', 'ERROR', `The service prefix ${service} in ${value} does not exist.`, node);
      return;
    }
    if (/[*?]/.test(name)) {
      if (!actionNames(service).some((a) => actionMatches(`${service}:${name}`, `${service}:${a}`))) this.add('INVALID_ACTION', 'ERROR', `${value} matches no action of ${service}.`, node);
    } else if (!catalogAction(service, name)) this.add('INVALID_ACTION', 'ERROR', `The action ${value} does not exist.`, node);
  }

  private checkResource(value: string, node: JsonNode): void {
    if (value === '*') return;
    if (!value.startsWith('arn:')) {
      this.add('INVALID_ARN_PREFIX', 'ERROR', `${value} is neither "*" nor an ARN; resource ARNs begin with arn:.`, node);
      return;
    }
    const parts = value.replace(/\$\{[^}]*\}/g, 'V').split(':');
    if (parts.length < 6) {
      this.add('MISSING_ARN_FIELD', 'ERROR', `${value} lacks fields: an ARN has the form arn:partition:service:region:account:resource.`, node);
      return;
    }
    const [, partition, service, region, account] = parts as [string, string, string, string, string];
    if (!/[*?]/.test(partition) && partition !== 'V' && !PARTITIONS.has(partition)) this.add('INVALID_PARTITION', 'ERROR', `${partition} is not a partition this service supports.`, node);
    if (service !== service.toLowerCase()) this.add('INVALID_ARN_SERVICE_CASE', 'ERROR', `The service ${service} in the ARN must be written in lower case.`, node);
    if (account && !/^(\d{12}|[\d*?]*[*?][\d*?]*|V|aws)$/.test(account)) this.add('INVALID_ARN_ACCOUNT', 'ERROR', `${account} is not a 12-digit account id.`, node);
    if (region && !/^([a-z]{2}(-[a-z]+)+-\d|\*|V|[a-z0-9-]*[*?][a-z0-9*?-]*)$/.test(region)) this.add('INVALID_ARN_REGION', 'ERROR', `${region} is not a Region this resource can be in.`, node);
    this.checkArnFields(value, service, region, account, parts.slice(5).join(':'), node);
  }

  /**
   * Region and account fields against the catalog's ARN formats for the resource types the ARN
   * can be (those whose fixed resource prefix it starts with): a field that no such format has
   * (IAM and S3 buckets have no Region, S3 buckets no account) or that every format needs.
   */
  private checkArnFields(value: string, service: string, region: string, account: string, resource: string, node: JsonNode): void {
    if (/[*?]/.test(service)) return;
    const formats = arnFormats(service);
    const matching = formats.filter((f) => resource.startsWith(f.literal));
    const specific = matching.filter((f) => f.literal !== '');
    const candidates = specific.length > 0 ? specific : matching;
    if (candidates.length === 0) return;
    const fixed = (field: string) => field !== '' && !/[*?]/.test(field) && field !== 'V';
    if (fixed(region) && candidates.every((f) => f.region === '')) this.add('ARN_REGION_NOT_ALLOWED', 'ERROR', `${service} resource ARNs of this kind have no Region; leave that field empty.`, node);
    else if (region === '' && candidates.every((f) => f.region !== '')) this.add('MISSING_ARN_REGION', 'ERROR', `${value} needs a Region (or *) for this ${service} resource.`, node);
    if (fixed(account) && candidates.every((f) => f.account === '')) this.add('ARN_ACCOUNT_NOT_ALLOWED', 'ERROR', `${service} resource ARNs of this kind have no account id; leave that field empty.`, node);
    else if (account === '' && candidates.every((f) => f.account !== '')) this.add('MISSING_ARN_ACCOUNT', 'ERROR', `${value} needs an account id (or *) for this ${service} resource.`, node);
  }

  private checkRedundant(items: Array<{ value: string; node: JsonNode }>, code: string, covers: (pattern: string, value: string) => boolean): void {
    items.forEach((item, i) => {
      const coveredBy = items.find((other, j) => j !== i && other.value !== item.value && covers(other.value, item.value));
      const duplicate = items.findIndex((other) => other.value === item.value) < i;
      if (coveredBy || duplicate) this.add(code, 'SUGGESTION', coveredBy ? `${item.value} is redundant: ${coveredBy.value} already covers it. Remove it (or narrow the wildcard).` : `${item.value} is listed twice; remove the repeat.`, item.node);
    });
  }

  /**
   * iam:PassRole (SECURITY_WARNING) and iam:CreateServiceLinkedRole (WARNING) granted over many
   * resources. The code says how the action is granted (named, by a wildcard, by NotAction) and
   * how the resources are (a wildcard, NotResource), as the catalogue's twelve entries do.
   */
  private checkPassRoleAndSlr(statement: Statement): void {
    if (statement.effect !== 'Allow') return;
    const star = statement.resources?.find((r) => r.value === '*' || /^arn:[^:]+:iam::[^:]*:\*$/.test(r.value) || /^arn:[^:]+:iam::[^:]*:role\/\*$/.test(r.value));
    for (const [target, prefix, type, guardKey, what] of [
      ['iam:PassRole', 'PASS_ROLE', 'SECURITY_WARNING', 'iam:passedtoservice', 'pass any role to a service'],
      ['iam:CreateServiceLinkedRole', 'CREATE_SLR', 'WARNING', 'iam:awsservicename', 'create unintended service-linked roles'],
    ] as const) {
      let via: 'NAMED' | 'STAR' | 'NOT_ACTION' | undefined;
      if (statement.actions) {
        if (statement.actions.some((a) => a.value.toLowerCase() === target.toLowerCase())) via = 'NAMED';
        else if (statement.actions.some((a) => actionMatches(a.value, target))) via = 'STAR';
      } else if (statement.notActions && !statement.notActions.some((a) => actionMatches(a.value, target))) via = 'NOT_ACTION';
      if (!via || statement.conditions.some((c) => c.key.toLowerCase() === guardKey)) continue;
      if (statement.notResources) {
        const code = via === 'NAMED' ? `${prefix}_WITH_NOT_RESOURCE` : via === 'STAR' ? `${prefix}_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE` : `${prefix}_WITH_NOT_ACTION_AND_NOT_RESOURCE`;
        this.add(code, type, `This statement allows ${target} on every resource outside NotResource, which can let the principal ${what}; name the allowed ARNs in Resource instead.`, statement.notResources[0]?.node ?? statement.node);
      } else if (star) {
        const code = via === 'NAMED' ? `${prefix}_WITH_STAR_IN_RESOURCE` : via === 'STAR' ? `${prefix}_WITH_STAR_IN_ACTION_AND_RESOURCE` : `${prefix}_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION`;
        const hint = prefix === 'PASS_ROLE' ? 'name the role ARNs or add the iam:PassedToService condition key' : 'name the service-linked role ARNs';
        this.add(code, type, `This statement allows ${target} with a wildcard resource, which can let the principal ${what}; ${hint}.`, star.node);
      }
    }
  }

  private checkConditions(statement: Statement, node: JsonNode | undefined): void {
    if (!node) return;
    if (node.kind !== 'object') {
      this.add('DATA_TYPE_MISMATCH', 'ERROR', 'Condition must be a JSON object.', node);
      return;
    }
    if (node.entries.length === 0) this.add('EMPTY_OBJECT_CONDITION', 'SUGGESTION', 'The Condition block is empty and has no effect; remove it or add conditions.', node);
    for (const op of node.entries) {
      const opLocation = { path: op.value.path, ...op.keySpan };
      const parts = splitOperator(op.key);
      if (!isKnownOperator(parts.base) || !OPERATOR_NAMES.includes(parts.base) || (/^for(all|any)values?:/i.test(op.key) && !/^(ForAllValues|ForAnyValue):/.test(op.key))) {
        this.add('INVALID_CONDITION_OPERATOR', 'ERROR', `${op.key} is not a condition operator.`, opLocation);
        continue;
      }
      if (parts.base === 'Null' && parts.ifExists) this.add('NULL_WITH_IF_EXISTS', 'ERROR', 'Null cannot take the IfExists suffix: Null itself tests whether the key is present.', opLocation);
      if (parts.base === 'Null' && parts.set) this.add('NULL_WITH_QUALIFIER', 'SUGGESTION', `Null with ${parts.set} is always ${parts.set === 'ForAllValues' ? 'true' : 'false'}; use Null without a qualifier.`, opLocation);
      if (op.value.kind !== 'object') {
        this.add('DATA_TYPE_MISMATCH', 'ERROR', 'A condition operator takes a JSON object of keys and values.', op.value);
        continue;
      }
      if (op.value.entries.length === 0) this.add('EMPTY_OBJECT_CONDITION', 'SUGGESTION', `The ${op.key} block is empty and has no effect; remove it or add conditions.`, op.value);
      const family = operatorFamily(parts.base)!;
      for (const keyEntry of op.value.entries) {
        const keyLocation = { path: keyEntry.value.path, ...keyEntry.keySpan };
        const key = keyEntry.key;
        const values = keyEntry.value.kind === 'array' ? keyEntry.value.items : [keyEntry.value];
        if (TAG_KEY.test(key)) {
          this.add('MISSING_TAG_KEY_IN_CONDITION', 'ERROR', `${key} needs the tag key it compares: ${key}/tag-key.`, keyLocation);
          continue;
        }
        if (key.toLowerCase() === 'aws:arn') {
          this.add('UNSUPPORTED_GLOBAL_CONDITION_KEY', 'ERROR', 'aws:ARN is not a supported condition key; use aws:PrincipalArn (the caller) or aws:SourceArn (the calling resource).', keyLocation);
          continue;
        }
        const catalogKey = conditionKey(key);
        if (!catalogKey) {
          if (/^aws:/i.test(key)) this.add('INVALID_GLOBAL_CONDITION_KEY', 'ERROR', `The global condition key ${key} does not exist.`, keyLocation);
          else if (!key.includes(':')) this.add('INVALID_CONDITION_KEY_FORMAT', 'ERROR', `${key} is not a condition key; keys are written prefix:name.`, keyLocation);
          else this.add('INVALID_SERVICE_CONDITION_KEY', 'ERROR', `The condition key ${key} does not exist for its service.`, keyLocation);
        } else if (family !== 'Null' && !familyFitsType(family, catalogKey.type) && !(key.toLowerCase() === 'aws:epochtime' && family === 'Numeric')) {
          // aws:EpochTime is documented as both a date and a number.
          this.add('TYPE_MISMATCH', 'WARNING', `${key} is of type ${catalogKey.type.replace(/^ArrayOf/, '')}; compare it with an operator of that type instead of ${parts.base}.`, opLocation);
        }
        if (catalogKey && parts.set === 'ForAllValues' && !catalogKey.type.startsWith('ArrayOf'))
          this.add('FORALLVALUES_WITH_SINGLE_VALUED_KEY', 'SECURITY_WARNING', `ForAllValues with the single-valued key ${key} also matches when the key is absent, which can grant more than intended; remove the ForAllValues qualifier.`, opLocation);
        if (catalogKey && !parts.set && family !== 'Null' && catalogKey.type.startsWith('ArrayOf'))
          this.add('MISSING_QUALIFIER', 'ERROR', `${key} can carry several values in a request; qualify the operator with ForAllValues or ForAnyValue.`, opLocation);
        if (keyEntry.value.kind === 'array' && values.length === 0) {
          const code = parts.set === 'ForAllValues' ? 'EMPTY_ARRAY_CONDITION_FORALLVALUES' : parts.set === 'ForAnyValue' ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE' : parts.ifExists ? 'EMPTY_ARRAY_CONDITION_IFEXISTS' : 'EMPTY_ARRAY_CONDITION';
          const details =
            code === 'EMPTY_ARRAY_CONDITION_FORALLVALUES' || code === 'EMPTY_ARRAY_CONDITION_IFEXISTS'
              ? 'With no values this condition matches only when the key is absent from the request; to test that, use Null with true.'
              : code === 'EMPTY_ARRAY_CONDITION_FORANYVALUE'
                ? 'ForAnyValue with no values never matches, so the statement has no effect; add values.'
                : 'The condition key has no values and has no effect; add values.';
          this.add(code, 'SUGGESTION', details, keyEntry.value);
        }
        if (family === 'Bool' && values.length > 1) this.add('INVALID_CONDITION_MULTIPLE_BOOLEAN', 'ERROR', `${key} takes a single Boolean value, not a list.`, keyEntry.value);
        const texts: string[] = [];
        for (const valueNode of values) {
          const text = scalarText(valueNode);
          if (text === undefined) {
            this.add('DATA_TYPE_MISMATCH', 'ERROR', 'Condition values must be JSON strings, numbers or Booleans.', valueNode);
            continue;
          }
          texts.push(text);
          if (text.includes('${')) {
            const problem = variableProblem(text);
            if (problem) this.add(problem.code, 'ERROR', problem.details, valueNode);
            else if (family !== 'String' && family !== 'ARN') this.add('INVALID_VARIABLE_FOR_OPERATOR', 'ERROR', `Policy variables work only with String and ARN operators, not ${parts.base}.`, valueNode);
            continue;
          }
          this.checkConditionValue(family, parts.base, key, text, valueNode);
        }
        if (key.toLowerCase() === 'aws:sourceip' && family === 'IPAddress') this.checkSourceIp(parts.base, texts, keyLocation);
        if (family === 'Numeric' && /(LessThan|GreaterThan)/.test(parts.base) && texts.length > 1 && texts.every((t) => Number.isFinite(Number(t))))
          this.add('REDUNDANT_CONDITION_VALUE_NUM', 'SUGGESTION', `Several values for ${key} under ${parts.base} overlap; one value (the ${/LessThan/.test(parts.base) ? 'greatest' : 'least'}) has the same effect.`, keyEntry.value);
      }
    }
    void statement;
  }

  private checkConditionValue(family: string, base: string, key: string, text: string, node: JsonNode): void {
    switch (family) {
      case 'Numeric':
        if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text.trim())) this.add('TYPE_MISMATCH_NUMBER', 'WARNING', `${text} is not a number; numeric operators need numeric values.`, node);
        break;
      case 'Date':
        if (/^-?\d+$/.test(text)) {
          if (key.toLowerCase() !== 'aws:epochtime') this.add('INVALID_DATE_VALUE', 'WARNING', `${text} is an epoch time, which may not resolve as you expect; write the date as YYYY-MM-DD (ISO 8601).`, node);
        } else if (Number.isNaN(Date.parse(text))) this.add('TYPE_MISMATCH_DATE', 'WARNING', `${text} is not a date; write it as YYYY-MM-DD or another ISO 8601 date-time.`, node);
        break;
      case 'Bool':
      case 'Null':
        if (!/^(true|false)$/i.test(text)) this.add('TYPE_MISMATCH_BOOLEAN', 'WARNING', `${text} is not a Boolean; use true or false.`, node);
        break;
      case 'IPAddress': {
        if (isPrivateRange(text) === undefined) this.add('TYPE_MISMATCH_IP_RANGE', 'ERROR', `${text} is not an IP address or a CIDR range.`, node);
        else {
          const normal = normalizedCidr(text);
          if (normal) this.add('IMPROVE_IP_RANGE', 'SUGGESTION', `The bits after the mask in ${text} are ignored; write ${normal}.`, node);
        }
        break;
      }
      case 'String':
        if ((base === 'StringEquals' || base === 'StringNotEquals' || base === 'StringEqualsIgnoreCase' || base === 'StringNotEqualsIgnoreCase') && /[*?]/.test(text))
          this.add('WILDCARD_WITHOUT_LIKE_OPERATOR', 'WARNING', `${text} contains * or ?, which ${base} compares literally; if you meant a wildcard, use a Like operator.`, node);
        break;
      case 'ARN':
        if (text !== '*' && !text.startsWith('arn:')) this.add('INVALID_ARN_PREFIX', 'ERROR', `${text} is not an ARN; ARNs begin with arn:.`, node);
        break;
    }
  }

  /** aws:SourceIp never carries private addresses (those reach AWS through VPC endpoints as aws:VpcSourceIp). */
  private checkSourceIp(base: string, values: string[], where: { path: string; start: JsonNode['start']; end: JsonNode['end'] }): void {
    const kinds = values.map(isPrivateRange).filter((k): k is boolean => k !== undefined);
    if (kinds.length === 0 || !kinds.includes(true)) return;
    const negated = base === 'NotIpAddress';
    if (kinds.every((k) => k))
      this.add(negated ? 'PRIVATE_NOT_IP_ADDRESS' : 'PRIVATE_IP_ADDRESS', 'ERROR', negated ? 'aws:SourceIp never holds private addresses, so excluding only private ranges has no effect; list public ranges (or use aws:VpcSourceIp).' : 'aws:SourceIp never holds private addresses, so this condition never matches; list public ranges (or use aws:VpcSourceIp for private ones).', where);
    else
      this.add(negated ? 'PRIVATE_NOT_IP_ADDRESS_SUBSET' : 'PRIVATE_IP_ADDRESS_SUBSET', 'SUGGESTION', 'The aws:SourceIp values mix public and private ranges; the private ones have no effect. Use aws:VpcSourceIp for private ranges.', where);
  }

  private checkRedundantStatements(statements: Statement[]): void {
    const canonical = statements.map((s) => {
      const plain = (n: JsonNode): unknown => (n.kind === 'object' ? Object.fromEntries(n.entries.filter((e) => e.key !== 'Sid').map((e) => [e.key, plain(e.value)]).sort()) : n.kind === 'array' ? n.items.map(plain) : n.kind === 'null' ? null : n.value);
      return JSON.stringify(plain(s.node));
    });
    canonical.forEach((text, i) => {
      if (canonical.indexOf(text) < i) this.add('REDUNDANT_STATEMENT', 'SUGGESTION', `This statement grants the same as statement ${canonical.indexOf(text)}; remove one of them.`, statements[i]!.node);
    });
  }
}

interface ArnFormat {
  region: string;
  account: string;
  /** The fixed start of the resource part (`accesspoint/`), empty when it starts with a variable. */
  literal: string;
}
const ARN_FORMATS = new Map<string, ArnFormat[]>();

function arnFormats(service: string): ArnFormat[] {
  const key = service.toLowerCase();
  let formats = ARN_FORMATS.get(key);
  if (!formats) {
    formats = Object.values(catalogService(key)?.resourceTypes ?? {}).map((t) => {
      const f = t.arn.split(':');
      const rest = f.slice(5).join(':');
      return { region: f[3] ?? '', account: f[4] ?? '', literal: rest.slice(0, rest.includes('${') ? rest.indexOf('${') : rest.length) };
    });
    ARN_FORMATS.set(key, formats);
  }
  return formats;
}

/** `10.1.2.3/8` → `10.0.0.0/8`: the range with the bits after the mask cleared; undefined when none are set. */
function normalizedCidr(text: string): string | undefined {
  if (!text.includes('/')) return undefined;
  try {
    const [address, bits] = ipaddr.parseCIDR(text);
    const bytes = address.toByteArray();
    let changed = false;
    for (let i = 0; i < bytes.length; i++) {
      const keep = Math.max(0, Math.min(8, bits - i * 8));
      const masked = bytes[i]! & ((0xff << (8 - keep)) & 0xff);
      if (masked !== bytes[i]) changed = true;
      bytes[i] = masked;
    }
    return changed ? `${ipaddr.fromByteArray(bytes).toString()}/${bits}` : undefined;
  } catch {
    return undefined;
  }
}

export function validatePolicy(text: string, options: ValidateOptions): PolicyIssue[] {
  return new Checker(text, options).run();
}
