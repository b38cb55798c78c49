import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { defaultCredentials } from './credentials.ts';
import { classifyError } from './errors.ts';
import { SERVICES, type ServiceName } from './services.ts';

/**
 * The one place SDK clients are made. Clients are cached per (service, account, region), all
 * with adaptive retry (client-side rate limiting that backs off on throttling) and the same
 * endpoint override. Feature code asks the pool to `send` an operation by name.
 */

export interface ClientPoolOptions {
  /** Credentials of the calling identity; default: the standard provider chain. */
  credentials?: AwsCredentialIdentityProvider;
  profile?: string;
  /** `--endpoint-url`: every client sends here (LocalStack, s3rver, a VPC endpoint…). */
  endpointUrl?: string;
  /** Attempts per call including the first (adaptive retry). */
  maxAttempts?: number;
  retryMode?: 'adaptive' | 'standard';
  /** Extra client configuration, for tests and benches (e.g. a simulated request handler). */
  clientConfig?: Record<string, unknown>;
  /** Called on each new client, e.g. to add middleware. */
  onClient?: (client: SdkClient, service: ServiceName, region: string) => void;
  /**
   * Told of every throttling answer, including those the SDK then retries, so callers can
   * slow down before retries run out. `account` is undefined for the caller's own account
   * before its id is known.
   */
  onThrottle?: (service: ServiceName, account: string | undefined, region: string) => void;
}

/** The part of an SDK v3 client the pool uses. */
export interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
  middlewareStack: { add: (...args: any[]) => void; addRelativeTo?: (...args: any[]) => void };
}

type ClientConstructor = new (config: Record<string, unknown>) => SdkClient;
type CommandConstructor = new (input: Record<string, unknown>) => unknown;

export const DEFAULT_MAX_ATTEMPTS = 10;

// Vigil supports Node 20 on purpose; the SDK's notice about its own future Node support would
// only confuse users on every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export class ClientPool {
  private readonly clients = new Map<string, SdkClient>();
  private readonly accountCredentials = new Map<string, AwsCredentialIdentityProvider>();
  private readonly baseCredentials: AwsCredentialIdentityProvider;
  private httpHandler: NodeHttpHandler | undefined;
  /** Operations sent through the pool (each counts once, however many retries it took). */
  sent = 0;

  constructor(readonly options: ClientPoolOptions = {}) {
    this.baseCredentials = options.credentials ?? defaultCredentials(options.profile);
  }

  /** Use these credentials for calls into `accountId` (an assumed-role session). */
  setAccountCredentials(accountId: string, provider: AwsCredentialIdentityProvider): void {
    this.accountCredentials.set(accountId, provider);
  }

  credentialsFor(accountId: string | undefined): AwsCredentialIdentityProvider {
    return (accountId && this.accountCredentials.get(accountId)) || this.baseCredentials;
  }

  /**
   * The client for (service, account, region). `account` undefined means the calling identity's
   * own account (before its id is known).
   */
  async client(service: ServiceName, account: string | undefined, region: string): Promise<SdkClient> {
    const key = `${service}/${account ?? 'self'}/${region}`;
    let client = this.clients.get(key);
    if (client) return client;
    const module = (await SERVICES[service].load()) as Record<string, unknown>;
    const Client = module[SERVICES[service].clientClass] as ClientConstructor;
    // A second caller may have created it while the module loaded.
    client = this.clients.get(key);
    if (client) return client;
    client = new Client(this.clientConfig(service, account, region));
    const onThrottle = this.options.onThrottle;
    if (onThrottle) {
      // Inside the retry loop (finalizeRequest, low priority), so each attempt is seen.
      client.middlewareStack.add(
        (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
          try {
            return await next(args);
          } catch (error) {
            if (classifyError(error) === 'throttled') onThrottle(service, account, region);
            throw error;
          }
        },
        { step: 'finalizeRequest', priority: 'low', name: 'vigilThrottleObserver' },
      );
    }
    this.options.onClient?.(client, service, region);
    this.clients.set(key, client);
    return client;
  }

  /** Sends `operation` (e.g. `ListBuckets`) with `input`; returns the SDK output or throws the SDK error. */
  async send(service: ServiceName, account: string | undefined, region: string, operation: string, input: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const client = await this.client(service, account, region);
    const module = (await SERVICES[service].load()) as Record<string, unknown>;
    const Command = module[`${operation}Command`] as CommandConstructor | undefined;
    if (!Command) throw new Error(`${service} has no operation ${operation}`);
    this.sent++;
    if (service === 's3-control' && this.options.endpointUrl && isIpHost(this.options.endpointUrl)) {
      // The SDK would build `<account-id>.<ip>` and print a stack trace on the way.
      throw Object.assign(new Error('S3 Control prefixes the endpoint host with the account id: give --endpoint-url a host name, not an IP address'), { name: 'InvalidEndpoint' });
    }
    return (await client.send(new Command(input))) as Record<string, unknown>;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    this.httpHandler?.destroy();
  }

  private clientConfig(service: ServiceName, account: string | undefined, region: string): Record<string, unknown> {
    const { endpointUrl } = this.options;
    // One connection pool for every client: sockets are shared, and concurrency is ours to limit.
    this.httpHandler ??= new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: 60_000, httpsAgent: { keepAlive: true, maxSockets: 200 } });
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const config: Record<string, unknown> = {
      region,
      credentials: this.credentialsFor(account),
      retryMode: this.options.retryMode ?? 'adaptive',
      maxAttempts,
      requestHandler: this.httpHandler,
    };
    if (endpointUrl) {
      config.endpoint = endpointUrl;
      // Some APIs prefix the host with a parameter (S3 Control: `<account>.s3-control…`); on a
      // custom endpoint that makes an invalid URL.
      config.disableHostPrefix = true;
    }
    if (service === 's3') {
      // S3-compatible servers rarely do virtual-hosted buckets; buckets in other regions redirect.
      if (endpointUrl) config.forcePathStyle = true;
      config.followRegionRedirects = true;
    }
    return { ...config, ...this.options.clientConfig };
  }
}

function isIpHost(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
  } catch {
    return false;
  }
}
