/** File URIs as paths for the parts of the server that read the disk. */
import { fileURLToPath } from 'node:url';

/** The path of a `file:` URI; undefined for other schemes (`untitled:`) and malformed URIs. */
export function fileUriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
