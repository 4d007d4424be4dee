// "Test connection": write a small object where the copies will go, read its size back, then delete it: every
// permission a copy needs (PutObject; HeadObject, which needs s3:GetObject, as the copy checks each object's size
// with it; DeleteObject only here). Whatever fails is reported with what failed, so the user knows whether to fix
// the keys, their permissions, the bucket, the region or the address.
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { ErrorInfo } from '../errors';
import { s3ClientFor } from './client';
import type { S3Destination } from './destination';
import { s3ErrorInfo } from './s3-error';

export async function testConnection(destination: S3Destination): Promise<ErrorInfo | null> {
  const client = s3ClientFor(destination);
  const Bucket = destination.bucket;
  const Key = [destination.prefix, `.reclaim-connection-test-${crypto.randomUUID()}`].filter(Boolean).join('/');
  try {
    try {
      await client.send(new PutObjectCommand({ Bucket, Key, Body: new TextEncoder().encode('Reclaim') }));
    } catch (error) {
      return s3ErrorInfo(error, 'PutObject');
    }
    let problem: ErrorInfo | null = null;
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key }));
    } catch (error) {
      problem = s3ErrorInfo(error, 'HeadObject (s3:GetObject)');
    }
    // The test object goes whatever the answer above: nothing of a test stays in the bucket.
    try {
      await client.send(new DeleteObjectCommand({ Bucket, Key }));
    } catch (error) {
      problem ??= s3ErrorInfo(error, 'DeleteObject');
    }
    return problem;
  } finally {
    client.destroy();
  }
}
