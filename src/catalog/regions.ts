// Regions and partitions. Sources:
// - https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html (34 commercial Regions)
// - https://docs.aws.amazon.com/general/latest/gr/clean-rooms.html (the 11 Regions where AWS Clean Rooms runs)
// - SDK partition table (aws-cn, aws-us-gov, aws-eusc, aws-iso*) as summarised in shared/reference/cleanrooms-iam-facts.md §3.2

export interface RegionInfo {
  code: string;
  name: string;
  partition: string;
  /** AWS Clean Rooms is available here. */
  cleanRooms: boolean;
  optIn?: boolean;
}

export const CLEAN_ROOMS_ENDPOINTS_URL = 'https://docs.aws.amazon.com/general/latest/gr/clean-rooms.html';
export const REGIONS_URL = 'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html';

const CR = new Set([
  'us-east-2',
  'us-east-1',
  'us-west-2',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-north-1',
]);

const COMMERCIAL: Array<[string, string, boolean?]> = [
  ['us-east-1', 'US East (N. Virginia)'],
  ['us-east-2', 'US East (Ohio)'],
  ['us-west-1', 'US West (N. California)'],
  ['us-west-2', 'US West (Oregon)'],
  ['ap-south-1', 'Asia Pacific (Mumbai)'],
  ['ap-northeast-3', 'Asia Pacific (Osaka)'],
  ['ap-northeast-2', 'Asia Pacific (Seoul)'],
  ['ap-southeast-1', 'Asia Pacific (Singapore)'],
  ['ap-southeast-2', 'Asia Pacific (Sydney)'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)'],
  ['ca-central-1', 'Canada (Central)'],
  ['eu-central-1', 'Europe (Frankfurt)'],
  ['eu-west-1', 'Europe (Ireland)'],
  ['eu-west-2', 'Europe (London)'],
  ['eu-west-3', 'Europe (Paris)'],
  ['eu-north-1', 'Europe (Stockholm)'],
  ['sa-east-1', 'South America (São Paulo)'],
  ['af-south-1', 'Africa (Cape Town)', true],
  ['ap-east-1', 'Asia Pacific (Hong Kong)', true],
  ['ap-south-2', 'Asia Pacific (Hyderabad)', true],
  ['ap-southeast-3', 'Asia Pacific (Jakarta)', true],
  ['ap-southeast-5', 'Asia Pacific (Malaysia)', true],
  ['ap-southeast-4', 'Asia Pacific (Melbourne)', true],
  ['ap-southeast-6', 'Asia Pacific (New Zealand)', true],
  ['ap-east-2', 'Asia Pacific (Taipei)', true],
  ['ap-southeast-7', 'Asia Pacific (Thailand)', true],
  ['ca-west-1', 'Canada West (Calgary)', true],
  ['eu-south-1', 'Europe (Milan)', true],
  ['eu-south-2', 'Europe (Spain)', true],
  ['eu-central-2', 'Europe (Zurich)', true],
  ['il-central-1', 'Israel (Tel Aviv)', true],
  ['mx-central-1', 'Mexico (Central)', true],
  ['me-south-1', 'Middle East (Bahrain)', true],
  ['me-central-1', 'Middle East (UAE)', true],
];

const OTHER: Array<[string, string, string]> = [
  ['cn-north-1', 'China (Beijing)', 'aws-cn'],
  ['cn-northwest-1', 'China (Ningxia)', 'aws-cn'],
  ['us-gov-east-1', 'AWS GovCloud (US-East)', 'aws-us-gov'],
  ['us-gov-west-1', 'AWS GovCloud (US-West)', 'aws-us-gov'],
  ['eusc-de-east-1', 'AWS European Sovereign Cloud (Germany)', 'aws-eusc'],
  ['us-iso-east-1', 'US ISO East', 'aws-iso'],
  ['us-iso-west-1', 'US ISO West', 'aws-iso'],
  ['us-isob-east-1', 'US ISOB East (Ohio)', 'aws-iso-b'],
  ['us-isob-west-1', 'US ISOB West', 'aws-iso-b'],
  ['eu-isoe-west-1', 'EU ISOE West', 'aws-iso-e'],
  ['us-isof-east-1', 'US ISOF East', 'aws-iso-f'],
  ['us-isof-south-1', 'US ISOF South', 'aws-iso-f'],
];

export const REGIONS: RegionInfo[] = [
  ...COMMERCIAL.map(([code, name, optIn]) => ({ code, name, partition: 'aws', cleanRooms: CR.has(code), ...(optIn ? { optIn } : {}) })),
  ...OTHER.map(([code, name, partition]) => ({ code, name, partition, cleanRooms: false })),
];

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-eusc', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f'] as const;
export const PARTITION_RE = /^aws(-cn|-us-gov|-eusc|-iso(-[bef])?)?$/;

export function regionInfo(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

export function isRegion(code: string, partition?: string): boolean {
  const r = BY_CODE.get(code);
  return !!r && (!partition || r.partition === partition);
}

export function isCleanRoomsRegion(code: string): boolean {
  return CR.has(code);
}

/** Clean Rooms Regions first (in the endpoints-page order), then the other commercial Regions. */
export function regionsForPicker(): RegionInfo[] {
  const cr = REGIONS.filter((r) => r.cleanRooms);
  const rest = REGIONS.filter((r) => !r.cleanRooms && r.partition === 'aws');
  return [...cr, ...rest];
}

/** Looks like an Availability Zone (`us-east-1a`) rather than a Region. */
export function asAvailabilityZone(value: string): string | undefined {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/.exec(value);
  return m && BY_CODE.has(m[1]) ? m[1] : undefined;
}
