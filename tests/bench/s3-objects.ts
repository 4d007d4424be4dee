// What arrived in the bucket, read from Node straight from s3rver (path style, no proxy): object counts and
// sizes, cheap next to reading gigabytes back; the e2e tests check the bytes themselves.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

export interface Expected {
  files: number;
  bytes: number;
  /** Objects right in the folder: the metadata log and the manifest of a copy, none for aws. */
  records: number;
}

export function objectChecker(endpoint: string, bucket: string) {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });

  /** Files in folders below `prefix`, and the names of the records right in it. */
  async function objectsUnder(prefix: string) {
    const found = { files: 0, bytes: 0, records: [] as string[] };
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const name = (object.Key ?? '').slice(prefix.length);
        if (name.includes('/')) {
          found.files += 1;
          found.bytes += object.Size ?? 0;
        } else found.records.push(name);
      }
      token = page.NextContinuationToken;
    } while (token);
    return found;
  }

  return {
    /** A line for the report; throws when anything differs from `expected`. */
    async check(prefix: string, expected: Expected): Promise<string> {
      const found = await objectsUnder(prefix);
      const line = `${prefix}: ${found.files} files, ${found.bytes} bytes, ${found.records.length} records`;
      const { files, bytes, records } = expected;
      if (found.files !== files || found.bytes !== bytes || found.records.length !== records) {
        throw new Error(`${line}; expected ${files} files, ${bytes} bytes, ${records} records`);
      }
      return `${line}: as expected`;
    },
    close: () => client.destroy(),
  };
}
