import type { CommandSpec } from '../spec.ts';
import { DEMO } from './demo.ts';
import { COLLECT } from './collect.ts';
import { SCAN, CHECKS } from './posture.ts';
import { DETECT } from './detect.ts';
import { TRAIL } from './trail.ts';
import { IAM } from './iam.ts';
import { FINDINGS, NOTIFY, SERVE, WATCH, WORKER } from './hub.ts';

/** The command table: every command Vigil has, each module imported only when run. */
export const COMMANDS: CommandSpec[] = [DEMO, COLLECT, SCAN, CHECKS, DETECT, TRAIL, IAM, FINDINGS, NOTIFY, SERVE, WATCH, WORKER];
