// Clean Rooms facts shared by the grammar, arn and cleanrooms families (shared/reference/cleanrooms-iam-facts.md §1.b, §3).
import { editDistance } from '../../iam-data/suggest';

export const CLEAN_ROOMS_PRINCIPAL = 'cleanrooms.amazonaws.com';
export const CLEAN_ROOMS_ML_PRINCIPAL = 'cleanrooms-ml.amazonaws.com';
const CANONICAL = [CLEAN_ROOMS_PRINCIPAL, CLEAN_ROOMS_ML_PRINCIPAL];

/**
 * If `value` is a misspelling of a Clean Rooms service principal, the principal it means; otherwise undefined.
 * `cleanroom.amazonaws.com`, `cleanrooms.amazonaws.co`, `cleanrooms.aws.com`, `CleanRooms.amazonaws.com` …
 */
export function cleanRoomsPrincipalTypo(value: string): string | undefined {
  if (CANONICAL.includes(value)) return undefined;
  if (/[*?<>{}$]/.test(value)) return undefined;
  const v = value.trim().toLowerCase();
  if (CANONICAL.includes(v)) return v;
  const dot = v.indexOf('.');
  const name = dot < 0 ? v : v.slice(0, dot);
  const dCr = editDistance(name, 'cleanrooms', 2);
  const dMl = editDistance(name, 'cleanrooms-ml', 2);
  if (dCr <= 2 || dMl <= 2) {
    if (dCr === dMl) return undefined;
    return dMl < dCr ? CLEAN_ROOMS_ML_PRINCIPAL : CLEAN_ROOMS_PRINCIPAL;
  }
  const wCr = editDistance(v, CLEAN_ROOMS_PRINCIPAL, 3);
  const wMl = editDistance(v, CLEAN_ROOMS_ML_PRINCIPAL, 3);
  if (Math.min(wCr, wMl) <= 3 && wCr !== wMl) return wMl < wCr ? CLEAN_ROOMS_ML_PRINCIPAL : CLEAN_ROOMS_PRINCIPAL;
  return undefined;
}

/** Clean Rooms resource types (SAR list_cleanrooms): top-level and under membership/<id>/. */
export const CLEANROOMS_TYPES = ['collaboration', 'membership', 'configuredtable'];
export const CLEANROOMS_MEMBERSHIP_SUBTYPES = [
  'configuredtableassociation',
  'analysistemplate',
  'configuredaudiencemodelassociation',
  'idmappingtable',
  'idnamespaceassociation',
  'intermediatetable',
  'privacybudgettemplate',
];
/** Clean Rooms ML resource types (SAR list_cleanroomsml). */
export const CLEANROOMS_ML_TYPES = [
  'training-dataset',
  'audience-model',
  'configured-audience-model',
  'audience-generation-job',
  'configured-model-algorithm',
  'membership',
];
export const CLEANROOMS_ML_MEMBERSHIP_SUBTYPES = ['configured-model-algorithm-association', 'ml-input-channel', 'trained-model', 'trained-model-inference-job'];

export const MEMBERSHIP_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Services whose resources must be in the collaboration's Region (facts §1.a.2, §5.3). */
export const SAME_REGION_SERVICES: ReadonlySet<string> = new Set(['glue', 'kms', 'athena', 's3']);

export const CR_DOCS = {
  setup: 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html',
  deputy: 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/cross-service-confused-deputy-prevention.html',
  membershipApi: 'https://docs.aws.amazon.com/clean-rooms/latest/apireference/API_UpdateMembership.html',
  endpoints: 'https://docs.aws.amazon.com/general/latest/gr/clean-rooms.html',
  sar: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscleanrooms.html',
  sarMl: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscleanroomsml.html',
  mlRoles: 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/ml-roles.html',
};
