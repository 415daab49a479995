/** Merge Stryker reports made over different parts of src/ (see mutation-merge.mjs). */
export function mergeReports(reports: object[]): object;
