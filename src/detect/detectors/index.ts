import type { BaselineState } from '../baseline/model.ts';
import { BaselineDetector } from '../baseline/detector.ts';
import type { Detector } from '../types.ts';
import { ConsoleBruteForce } from './console-login.ts';
import { CredentialBursts } from './credential-bursts.ts';
import { DnsDetector } from './dns.ts';
import { IamTrust } from './iam-trust.ts';
import { InstanceCredentialExfiltration } from './instance-credentials.ts';
import { IntelCaller } from './intel-caller.ts';
import { NetworkDetector } from './network.ts';
import { S3Mass } from './s3-mass.ts';
import { S3Public } from './s3-public.ts';
import { TrailSelectors } from './trail-selectors.ts';

/** The built-in stateful (TypeScript) detectors, in a fixed order. */
export function builtinDetectors(prior?: BaselineState): Detector[] {
  return [
    new ConsoleBruteForce(),
    new CredentialBursts(),
    new InstanceCredentialExfiltration(),
    new IntelCaller(),
    new IamTrust(),
    new TrailSelectors(),
    new S3Public(),
    new S3Mass(),
    new NetworkDetector(),
    new DnsDetector(),
    new BaselineDetector(prior),
  ];
}
