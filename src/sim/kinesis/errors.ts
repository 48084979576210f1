// Errors carry AWS's exception names and message shapes, so the lab console reads like the CLI.
export type AwsErrorCode =
  | 'ProvisionedThroughputExceededException'
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'InvalidArgumentException'
  | 'LimitExceededException'
  | 'ExpiredIteratorException'
  | 'ValidationException';

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
