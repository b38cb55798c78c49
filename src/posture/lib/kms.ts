import { kmsView, type KeyMetadata } from '../../inventory/views/kms.ts';
import type { CheckContext, CheckResult } from '../check.ts';
import { accountResource, failedResult, pass } from './result.ts';

/** Customer managed keys per region: `judge` gets each key's metadata; AWS managed keys are skipped. */
export function perCustomerKey(ctx: CheckContext, judge: (region: string, key: KeyMetadata, resource: { type: string; id: string }) => CheckResult): CheckResult[] {
  const view = kmsView(ctx.snapshot, ctx.account.id);
  const out: CheckResult[] = [];
  for (const region of ctx.regions) {
    const keys = view.keys(region);
    if (!keys.ok) {
      out.push(failedResult(ctx, keys.failed, accountResource(ctx)));
      continue;
    }
    let customer = 0;
    for (const key of keys.value) {
      const id = key.KeyId ?? '';
      const resource = { type: 'AWS::KMS::Key', id: key.KeyArn ?? id };
      const meta = view.describe(region, id);
      if (!meta.ok) {
        out.push({ ...failedResult(ctx, meta.failed, resource) });
        continue;
      }
      if (meta.value.KeyManager !== 'CUSTOMER') continue;
      customer++;
      out.push(judge(region, meta.value, resource));
    }
    if (customer === 0) out.push(pass(ctx, region, accountResource(ctx), `no customer managed KMS keys in ${region} (kms:ListKeys, kms:DescribeKey)`, { api: 'kms:ListKeys', field: 'Keys' }));
  }
  return out;
}
