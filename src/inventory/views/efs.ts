import type { FileSystemDescription } from '@aws-sdk/client-efs';
import { listPerRegion, type RegionalList, type ViewContext } from './regional-calls.ts';

/** Typed view of the EFS responses in a snapshot. */
export function fileSystems(context: ViewContext): Array<RegionalList<FileSystemDescription>> {
  return listPerRegion<{ FileSystems?: FileSystemDescription[] }, FileSystemDescription>(context, 'efs', 'DescribeFileSystems', (r) => r.FileSystems);
}
