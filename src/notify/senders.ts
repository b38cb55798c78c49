import { createHmac } from 'node:crypto';
import type { ClientPool } from '../aws/client-pool.ts';
import type { Destination } from './destinations.ts';
import { slackMessage, webhookBody, type NotifiedFinding } from './messages.ts';

/**
 * Delivery to one destination. Throws DeliveryError; `retryable` says whether a later attempt
 * may succeed (network errors, 429, 5xx) or not (other 4xx: the request itself is wrong).
 * Error messages never contain the URL: it is a secret for Slack and most webhooks.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface Delivery {
  destination: Destination;
  findings: NotifiedFinding[];
  idempotencyKey: string;
  digest?: string;
}

export interface SendContext {
  dashboardUrl?: string;
  /** For SNS. */
  pool?: () => Promise<ClientPool>;
  timeoutMs?: number;
}

export async function send(delivery: Delivery, context: SendContext): Promise<void> {
  const { destination } = delivery;
  if (destination.type === 'sns') return sendSns(delivery, context);
  const body =
    destination.type === 'slack'
      ? slackMessage(delivery.findings, { dashboardUrl: context.dashboardUrl, digest: delivery.digest })
      : webhookBody(delivery.findings, delivery.idempotencyKey, delivery.digest);
  const json = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': delivery.idempotencyKey, 'user-agent': 'vigil-notify' };
  if (destination.type === 'webhook') {
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers['x-vigil-timestamp'] = timestamp;
    if (destination.secret) {
      // The signature covers the timestamp too, so a captured request cannot be replayed later.
      headers['x-vigil-signature'] = `sha256=${createHmac('sha256', destination.secret).update(`${timestamp}.${json}`).digest('hex')}`;
    }
  }
  let response: Response;
  try {
    response = await fetch(destination.url!, { method: 'POST', headers, body: json, signal: AbortSignal.timeout(context.timeoutMs ?? 10_000) });
  } catch (error) {
    throw new DeliveryError(`${destination.label}: ${(error as Error).name === 'TimeoutError' ? 'timed out' : 'connection failed'}`, true);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return;
  const retryable = response.status === 429 || response.status >= 500;
  throw new DeliveryError(`${destination.label}: HTTP ${response.status}`, retryable);
}

async function sendSns(delivery: Delivery, context: SendContext): Promise<void> {
  const { destination, findings } = delivery;
  if (!context.pool) throw new DeliveryError(`${destination.label}: no AWS client pool`, false);
  const region = destination.topicArn!.split(':')[3] ?? 'us-east-1';
  const first = findings[0];
  const subject = (delivery.digest ? `Vigil ${delivery.digest} digest: ${findings.length} findings` : `Vigil ${first?.severity}: ${first?.title ?? ''}`)
    // SNS subjects: printable ASCII, no newlines, under 100 characters.
    .replace(/[^\x20-\x7e]/g, ' ')
    .slice(0, 99);
  try {
    const pool = await context.pool();
    await pool.send('sns', undefined, region, 'Publish', {
      TopicArn: destination.topicArn,
      Subject: subject,
      Message: JSON.stringify(webhookBody(findings, delivery.idempotencyKey, delivery.digest)),
      MessageAttributes: { idempotencyKey: { DataType: 'String', StringValue: delivery.idempotencyKey } },
    });
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'Error';
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    throw new DeliveryError(`${destination.label}: ${name}`, status === undefined || status === 429 || status >= 500 || /Throttl/.test(name));
  }
}
