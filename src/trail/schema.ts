/**
 * The CloudTrail table as Athena defines it (column names and types of the CloudTrail table in
 * the Athena User Guide), kept once as data: `athena-ddl` prints it as Hive DDL and `trail query`
 * builds the DuckDB `cloudtrail` view from it, so queries written for one run on the other.
 * https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html
 */

export type ColumnType =
  | { kind: 'string' }
  | { kind: 'struct'; fields: Column[] }
  | { kind: 'array'; of: ColumnType }
  | { kind: 'map' };

export interface Column {
  /** Lower-case column name, as Athena exposes it. */
  name: string;
  /** The CloudTrail record field it reads (camelCase); defaults to the name. */
  field?: string;
  type: ColumnType;
  /** The record holds a JSON object here; Athena's SerDe exposes it as JSON text. */
  json?: boolean;
}

const str = (name: string, field?: string): Column => ({ name, field, type: { kind: 'string' } });
const struct = (name: string, field: string | undefined, fields: Column[]): Column => ({ name, field, type: { kind: 'struct', fields } });

export const CLOUDTRAIL_COLUMNS: Column[] = [
  str('eventversion', 'eventVersion'),
  struct('useridentity', 'userIdentity', [
    str('type'), str('principalid', 'principalId'), str('arn'), str('accountid', 'accountId'), str('invokedby', 'invokedBy'),
    str('accesskeyid', 'accessKeyId'), str('username', 'userName'),
    struct('onbehalfof', 'onBehalfOf', [str('userid', 'userId'), str('identitystorearn', 'identityStoreArn')]),
    struct('sessioncontext', 'sessionContext', [
      struct('attributes', undefined, [str('mfaauthenticated', 'mfaAuthenticated'), str('creationdate', 'creationDate')]),
      struct('sessionissuer', 'sessionIssuer', [str('type'), str('principalid', 'principalId'), str('arn'), str('accountid', 'accountId'), str('username', 'userName')]),
      str('ec2roledelivery', 'ec2RoleDelivery'),
      struct('webidfederationdata', 'webIdFederationData', [str('federatedprovider', 'federatedProvider'), { name: 'attributes', type: { kind: 'map' } }]),
    ]),
  ]),
  str('eventtime', 'eventTime'),
  str('eventsource', 'eventSource'),
  str('eventname', 'eventName'),
  str('awsregion', 'awsRegion'),
  str('sourceipaddress', 'sourceIPAddress'),
  str('useragent', 'userAgent'),
  str('errorcode', 'errorCode'),
  str('errormessage', 'errorMessage'),
  { ...str('requestparameters', 'requestParameters'), json: true },
  { ...str('responseelements', 'responseElements'), json: true },
  { ...str('additionaleventdata', 'additionalEventData'), json: true },
  str('requestid', 'requestID'),
  str('eventid', 'eventID'),
  str('readonly', 'readOnly'),
  { name: 'resources', type: { kind: 'array', of: { kind: 'struct', fields: [str('arn', 'ARN'), str('accountid', 'accountId'), str('type')] } } },
  str('eventtype', 'eventType'),
  str('apiversion', 'apiVersion'),
  str('recipientaccountid', 'recipientAccountId'),
  { ...str('serviceeventdetails', 'serviceEventDetails'), json: true },
  str('sharedeventid', 'sharedEventID'),
  str('vpcendpointid', 'vpcEndpointId'),
  str('vpcendpointaccountid', 'vpcEndpointAccountId'),
  str('eventcategory', 'eventCategory'),
  struct('addendum', undefined, [str('reason'), str('updatedfields', 'updatedFields'), str('originalrequestid', 'originalRequestID'), str('originaleventid', 'originalEventID')]),
  str('sessioncredentialfromconsole', 'sessionCredentialFromConsole'),
  { ...str('edgedevicedetails', 'edgeDeviceDetails'), json: true },
  struct('tlsdetails', 'tlsDetails', [str('tlsversion', 'tlsVersion'), str('ciphersuite', 'cipherSuite'), str('clientprovidedhostheader', 'clientProvidedHostHeader')]),
];

export const fieldOf = (column: Column) => column.field ?? column.name;

/** Hive type text for Athena DDL. */
export function hiveType(type: ColumnType, indent = '    '): string {
  switch (type.kind) {
    case 'string':
      return 'STRING';
    case 'map':
      return 'MAP<STRING,STRING>';
    case 'array':
      return `ARRAY<${hiveType(type.of, indent)}>`;
    case 'struct': {
      const inner = `${indent}    `;
      return `STRUCT<\n${type.fields.map((f) => `${inner}${f.name}: ${hiveType(f.type, inner)}`).join(',\n')}>`;
    }
  }
}

/** The commercial regions a partition-projected table enumerates unless told otherwise. */
export const DEFAULT_REGIONS = [
  'af-south-1', 'ap-east-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];
