import { CLOUDTRAIL_COLUMNS, fieldOf, type Column, type ColumnType } from '../schema.ts';

/**
 * The DuckDB side of the Athena CloudTrail table: how raw records (camelCase, as CloudTrail
 * writes them) are read, and the `cloudtrail` view that renames and reshapes them into
 * Athena's columns (lower-case names, JSON objects as text).
 */

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** DuckDB type for reading a record field with read_json. */
function rawType(column: Column): string {
  if (column.json) return 'JSON';
  return rawTypeOf(column.type);
}

function rawTypeOf(type: ColumnType): string {
  switch (type.kind) {
    case 'string':
      return 'VARCHAR';
    case 'map':
      return 'MAP(VARCHAR, VARCHAR)';
    case 'array':
      return `${rawTypeOf(type.of)}[]`;
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `${quote(fieldOf(f))} ${rawType(f)}`).join(', ')})`;
  }
}

/** The `columns` argument of read_json for raw CloudTrail records. */
export function readJsonColumns(): string {
  return `{${CLOUDTRAIL_COLUMNS.map((c) => `${literal(fieldOf(c))}: ${literal(rawType(c))}`).join(', ')}}`;
}

/** The `columns` argument of read_json for whole delivery files: `Records` as a list of records. */
export function deliveryFileColumns(): string {
  const record = `STRUCT(${CLOUDTRAIL_COLUMNS.map((c) => `${quote(fieldOf(c))} ${rawType(c)}`).join(', ')})`;
  return `{'Records': ${literal(`${record}[]`)}}`;
}

/** The expression turning the raw value at `source` into the Athena column's shape. */
function viewExpression(column: Column, source: string): string {
  if (column.json) return `CAST(${source} AS VARCHAR)`;
  return shape(column.type, source);
}

function shape(type: ColumnType, source: string): string {
  switch (type.kind) {
    case 'string':
    case 'map':
      return source;
    case 'array':
      return `list_transform(${source}, x -> ${shape(type.of, 'x')})`;
    case 'struct': {
      const fields = type.fields.map((f) => `${quote(f.name)} := ${viewExpression(f, `${source}.${quote(fieldOf(f))}`)}`).join(', ');
      return `CASE WHEN ${source} IS NULL THEN NULL ELSE struct_pack(${fields}) END`;
    }
  }
}

/** SELECT list mapping raw record columns to Athena's columns. */
export function athenaSelectList(): string {
  return CLOUDTRAIL_COLUMNS.map((c) => `${viewExpression(c, quote(fieldOf(c)))} AS ${quote(c.name)}`).join(',\n  ');
}

export const ATHENA_COLUMN_NAMES = CLOUDTRAIL_COLUMNS.map((c) => c.name);

/**
 * Presto/Trino functions that Athena CloudTrail queries use, as DuckDB macros, so those
 * queries run unchanged.
 */
export const ATHENA_COMPAT_MACROS = [
  'CREATE OR REPLACE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)',
  'CREATE OR REPLACE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p)',
  'CREATE OR REPLACE MACRO to_iso8601(t) AS strftime(t, \'%Y-%m-%dT%H:%M:%S.%gZ\')',
];
