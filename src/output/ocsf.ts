import type { Finding, ResultStatus } from '../core/finding.ts';
import type { Severity } from '../core/severity.ts';
import type { Report } from './report.ts';
import { PRODUCT } from './product.ts';
import { sortFindings } from './summary.ts';
import { requirementsOf, standardOf } from './standards.ts';
import { asffRegion, partitionOf } from './asff.ts';
import { itemsSlot, joinChunks, prettyJsonChunks } from './chunks.ts';

/** The OCSF schema version the events follow. */
export const OCSF_VERSION = '1.3.0';
export const FINDINGS_CATEGORY_UID = 2;
export const COMPLIANCE_FINDING = { uid: 2003, name: 'Compliance Finding' } as const;
export const DETECTION_FINDING = { uid: 2004, name: 'Detection Finding' } as const;

const SEVERITY_ID: Record<Severity, number> = { INFORMATIONAL: 1, LOW: 2, MEDIUM: 3, HIGH: 4, CRITICAL: 5 };
const SEVERITY_NAME: Record<Severity, string> = { INFORMATIONAL: 'Informational', LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', CRITICAL: 'Critical' };

/** compliance.status_id: 0 Unknown, 1 Pass, 2 Warning, 3 Fail, 99 Other. */
const COMPLIANCE_STATUS: Record<ResultStatus, { id: number; name: string }> = {
  PASS: { id: 1, name: 'Pass' },
  FAIL: { id: 3, name: 'Fail' },
  SUPPRESSED: { id: 3, name: 'Fail' },
  MANUAL: { id: 2, name: 'Warning' },
  ERROR: { id: 0, name: 'Unknown' },
  NOT_APPLICABLE: { id: 99, name: 'Not Applicable' },
};

/** Finding status_id: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved. */
const FINDING_STATUS: Record<string, { id: number; name: string }> = {
  NEW: { id: 1, name: 'New' },
  NOTIFIED: { id: 2, name: 'In Progress' },
  SUPPRESSED: { id: 3, name: 'Suppressed' },
  RESOLVED: { id: 4, name: 'Resolved' },
};

const ACTIVITY_CREATE = { id: 1, name: 'Create' } as const;

/** Posture and access results are compliance findings; detections (and status-less others) detection findings. */
export function ocsfClassOf(finding: Finding): typeof COMPLIANCE_FINDING | typeof DETECTION_FINDING {
  if (finding.source === 'posture' || finding.source === 'access') return COMPLIANCE_FINDING;
  if (finding.source === 'detection') return DETECTION_FINDING;
  return finding.status ? COMPLIANCE_FINDING : DETECTION_FINDING;
}

function epochMs(value: string | undefined, fallback: number): number {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? fallback : time;
}

function findingStatus(finding: Finding): { id: number; name: string } {
  if (finding.workflow) return FINDING_STATUS[finding.workflow]!;
  if (finding.status === 'SUPPRESSED' || finding.suppression) return FINDING_STATUS.SUPPRESSED!;
  if (finding.status === 'PASS') return FINDING_STATUS.RESOLVED!;
  return FINDING_STATUS.NEW!;
}

/** ATT&CK technique ids → OCSF attack objects (`T1562.008` → technique T1562.008, sub-technique of T1562). */
function attacksOf(techniques: string[] | undefined): Array<Record<string, unknown>> {
  return (techniques ?? []).map((id) => {
    const [parent, sub] = id.split('.');
    return {
      technique: { uid: id, src_url: `https://attack.mitre.org/techniques/${parent}/${sub ? `${sub}/` : ''}` },
    };
  });
}

/** One Vigil finding as an OCSF 1.3 Compliance Finding (2003) or Detection Finding (2004) event. */
export function toOcsf(finding: Finding, generatedAt: string): Record<string, unknown> {
  const cls = ocsfClassOf(finding);
  const now = epochMs(generatedAt, Date.now());
  const observed = epochMs(finding.observedAt, now);
  const firstSeen = epochMs(finding.firstSeen, observed);
  const lastSeen = epochMs(finding.lastSeen, observed);
  const status = findingStatus(finding);
  const region = asffRegion(finding);
  const references = finding.references ?? [];
  const attacks = attacksOf(finding.techniques);
  const event: Record<string, unknown> = {
    activity_id: ACTIVITY_CREATE.id,
    activity_name: ACTIVITY_CREATE.name,
    category_uid: FINDINGS_CATEGORY_UID,
    category_name: 'Findings',
    class_uid: cls.uid,
    class_name: cls.name,
    type_uid: cls.uid * 100 + ACTIVITY_CREATE.id,
    type_name: `${cls.name}: ${ACTIVITY_CREATE.name}`,
    time: lastSeen,
    severity_id: SEVERITY_ID[finding.severity],
    severity: SEVERITY_NAME[finding.severity],
    status_id: status.id,
    status: status.name,
    message: finding.title,
    metadata: {
      version: OCSF_VERSION,
      uid: finding.id,
      product: { name: PRODUCT.name, vendor_name: PRODUCT.vendor, version: PRODUCT.version, url_string: PRODUCT.informationUri },
    },
    cloud: { provider: 'AWS', region, account: { uid: finding.account, type: 'AWS Account', type_id: 10 } },
    finding_info: {
      uid: finding.id,
      title: finding.title,
      desc: finding.description,
      types: [finding.type],
      created_time: firstSeen,
      first_seen_time: firstSeen,
      last_seen_time: lastSeen,
      modified_time: observed,
      ...(references[0] ? { src_url: references[0] } : {}),
      ...(finding.evidence?.events?.length ? { related_events: finding.evidence.events.map((uid) => ({ uid })) } : {}),
      ...(finding.evidence?.ruleId ? { analytic: { uid: finding.evidence.ruleId, name: finding.evidence.ruleId, type_id: 1, type: 'Rule' } } : {}),
      ...(attacks.length > 0 ? { attacks } : {}),
    },
    resources: [
      {
        uid: finding.resource.id,
        type: finding.resource.type,
        ...(finding.resource.name ? { name: finding.resource.name } : {}),
        region,
        cloud_partition: partitionOf(finding),
        ...(finding.resource.tags ? { tags: Object.entries(finding.resource.tags).map(([name, value]) => ({ name, value })) } : {}),
      },
    ],
    ...(finding.remediation || references.length > 0
      ? { remediation: { desc: finding.remediation ?? 'See the references.', ...(references.length > 0 ? { references } : {}) } }
      : {}),
    // Top-level `attacks` is where OCSF 1.0 consumers look; finding_info.attacks (above) is the 1.1+ place.
    ...(attacks.length > 0 ? { attacks } : {}),
    unmapped: {
      vigil: {
        source: finding.source,
        ...(finding.status ? { result: finding.status } : {}),
        ...(finding.count !== undefined ? { count: finding.count } : {}),
        ...(finding.suppression ? { suppression: finding.suppression } : {}),
        evidence: finding.evidence ?? {},
      },
    },
  };
  if (cls === COMPLIANCE_FINDING) {
    const frameworks = Object.keys(finding.compliance ?? {});
    const result = COMPLIANCE_STATUS[finding.status ?? 'FAIL'];
    event.compliance = {
      control: finding.type,
      standards: frameworks.length > 0 ? frameworks.map((f) => standardOf(f).name) : [PRODUCT.name],
      requirements: requirementsOf(finding.compliance),
      status_id: result.id,
      status: result.name,
      ...(finding.status ? { status_code: finding.status } : {}),
    };
  }
  return event;
}

/** `--format ocsf`: a JSON array of OCSF events, one per finding, worst first. */
export function buildOcsf(report: Report): Array<Record<string, unknown>> {
  return sortFindings(report.findings).map((f) => toOcsf(f, report.generatedAt));
}

export function renderOcsf(report: Report): string {
  return joinChunks(ocsfChunks(report));
}

export function ocsfChunks(report: Report): Iterable<string> {
  const slot = itemsSlot();
  return prettyJsonChunks(slot.token, slot, buildOcsf(report));
}
