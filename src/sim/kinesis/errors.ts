// Errors carry AWS's exception names and message shapes, so the lab console reads like the CLI.
export type AwsErrorCode =
  | 'ProvisionedThroughputExceededException'
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'InvalidArgumentException'
  | 'LimitExceededException'
  | 'ExpiredIteratorException'
  | 'ValidationException'
  // SQS, with the query-compatible codes the AWS CLI prints.
  | 'AWS.SimpleQueueService.NonExistentQueue'
  | 'AWS.SimpleQueueService.QueueDeletedRecently'
  | 'AWS.SimpleQueueService.PurgeQueueInProgress'
  | 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest'
  | 'AWS.SimpleQueueService.EmptyBatchRequest'
  | 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct'
  | 'AWS.SimpleQueueService.BatchRequestTooLong'
  | 'AWS.SimpleQueueService.InvalidBatchEntryId'
  | 'QueueAlreadyExists'
  | 'InvalidAttributeName'
  | 'InvalidAttributeValue'
  | 'InvalidParameterValue'
  | 'MissingParameter'
  | 'ReceiptHandleIsInvalid'
  | 'OverLimit'
  | 'ThrottlingException'
  // IoT Core and the IoT data plane.
  | 'ResourceAlreadyExistsException'
  | 'SqlParseException'
  | 'InvalidRequestException'
  | 'MalformedPolicyException'
  | 'ConflictException'
  | 'RequestEntityTooLargeException'
  // What AWS IoT answers for a topic rule that does not exist.
  | 'UnauthorizedException'
  // Amazon Data Firehose (throttled Direct PUT, a stale --current-delivery-stream-version-id).
  | 'ServiceUnavailableException'
  | 'ConcurrentModificationException'
  // Amazon S3 (aws s3 ls over the engine's object store).
  | 'NoSuchBucket';

export class AwsError extends Error {
  constructor(
    readonly code: AwsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
