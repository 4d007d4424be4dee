// "Test connection" asks for every permission a copy needs: writing (PutObject), reading an object's size back
// (HeadObject, which needs s3:GetObject: the copy checks every object's size with it) and cleaning up.
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { normaliseDestination } from '@/utils/s3/destination';
import { testConnection } from '@/utils/s3/test-connection';

const s3 = vi.hoisted(() => ({ sent: [] as string[], refuseHead: false }));

vi.mock('@/utils/s3/client', () => ({
  s3ClientFor: () => ({
    destroy() {},
    async send(command: object) {
      s3.sent.push(command.constructor.name);
      if (command instanceof HeadObjectCommand && s3.refuseHead) {
        // A HEAD answer has no body: the SDK names the refusal by its status only.
        throw Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } });
      }
      if (command instanceof HeadObjectCommand) return { ContentLength: 7 };
      if (command instanceof PutObjectCommand || command instanceof DeleteObjectCommand) return {};
      throw new Error(`not scripted: ${command.constructor.name}`);
    },
  }),
}));

const destination = normaliseDestination({
  name: 'Archive',
  bucket: 'archive',
  region: 'eu-west-1',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'secret',
});

beforeEach(() => {
  s3.sent.length = 0;
  s3.refuseHead = false;
});

describe('Test connection', () => {
  it('says the keys may not read objects back when HeadObject is refused, and still cleans up', async () => {
    s3.refuseHead = true;
    expect(await testConnection(destination)).toMatchObject({ code: 's3-denied', detail: 'HeadObject (s3:GetObject)' });
    expect(s3.sent).toContain('DeleteObjectCommand');
  });

  it('passes when the keys may write, read back and delete', async () => {
    expect(await testConnection(destination)).toBeNull();
    expect(s3.sent).toEqual(['PutObjectCommand', 'HeadObjectCommand', 'DeleteObjectCommand']);
  });
});
