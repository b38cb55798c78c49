import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { ClientPool } from '../../../src/aws/client-pool.ts';
import { SERVICES, type ServiceName } from '../../../src/aws/services.ts';

/** Helpers for stubbing SDK clients by service and operation name (aws-sdk-client-mock). */

export const STATIC_CREDENTIALS = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });

export type Fake = (input: Record<string, unknown>, region: string) => unknown;

export class FakeAws {
  private readonly stubs = new Map<ServiceName, AwsStub<any, any, any>>();
  /** Every call made: service, operation, input, region of the client. */
  readonly calls: Array<{ service: string; operation: string; input: Record<string, unknown>; region: string; accessKeyId: string }> = [];

  async on(service: ServiceName, operation: string, fake: Fake): Promise<void> {
    const module = (await SERVICES[service].load()) as Record<string, any>;
    let stub = this.stubs.get(service);
    if (!stub) {
      stub = mockClient(module[SERVICES[service].clientClass]);
      this.stubs.set(service, stub);
    }
    const Command = module[`${operation}Command`];
    if (!Command) throw new Error(`no command ${service}.${operation}`);
    stub.on(Command).callsFake(async (input: Record<string, unknown>, getClient: () => any) => {
      const config = getClient().config;
      const region = await config.region();
      const { accessKeyId } = await config.credentials();
      this.calls.push({ service, operation, input, region, accessKeyId });
      return fake(input, region);
    });
  }

  /** Makes an error the way the SDK does: `name` is the code. */
  static error(code: string, message = `${code} (fake)`): Error {
    return Object.assign(new Error(message), { name: code, $metadata: { httpStatusCode: 400 } });
  }

  restore(): void {
    for (const stub of this.stubs.values()) stub.restore();
    this.stubs.clear();
  }
}

export function testPool(): ClientPool {
  return new ClientPool({ credentials: STATIC_CREDENTIALS, maxAttempts: 1 });
}
