// "Test connection": write a small object where the copies will go, then delete it. Whatever fails is
// reported with what failed, so the user knows whether to fix the keys, the bucket, the region or the address.
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { ErrorInfo } from '../errors';
import { s3ClientFor } from './client';
import type { S3Destination } from './destination';
import { s3ErrorInfo } from './s3-error';

export async function testConnection(destination: S3Destination): Promise<ErrorInfo | null> {
  const client = s3ClientFor(destination);
  const key = [destination.prefix, `.reclaim-connection-test-${crypto.randomUUID()}`].filter(Boolean).join('/');
  try {
    await client.send(
      new PutObjectCommand({ Bucket: destination.bucket, Key: key, Body: new TextEncoder().encode('Reclaim') }),
    );
  } catch (error) {
    return s3ErrorInfo(error, 'PutObject');
  }
  try {
    await client.send(new DeleteObjectCommand({ Bucket: destination.bucket, Key: key }));
  } catch (error) {
    return s3ErrorInfo(error, 'DeleteObject');
  } finally {
    client.destroy();
  }
  return null;
}
