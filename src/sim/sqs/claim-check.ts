// The pointer message of the claim-check pattern, in the form the SQS Extended Client Library
// sends (a JSON array naming the pointer class, then the bucket and key), so a console receive
// shows what a real queue would hold.

const POINTER_CLASS = 'software.amazon.payloadoffloading.PayloadS3Pointer';

export function pointerBody(bucket: string, key: string): string {
  return JSON.stringify([POINTER_CLASS, { s3BucketName: bucket, s3Key: key }]);
}

/** The bucket and key a pointer names, or null when the body is not a pointer. */
export function readPointer(body: string | null): { bucket: string; key: string } | null {
  if (body === null || !body.startsWith(`["${POINTER_CLASS}"`)) return null;
  try {
    const [, p] = JSON.parse(body) as [string, { s3BucketName?: unknown; s3Key?: unknown }];
    return typeof p?.s3BucketName === 'string' && typeof p.s3Key === 'string' ? { bucket: p.s3BucketName, key: p.s3Key } : null;
  } catch {
    return null;
  }
}
