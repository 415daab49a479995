// Pure: the Region quick pick's explanation when what the user typed matches no Region in the list (an unsupported
// Region such as us-west-1 empties a list of the Clean Rooms Regions, and Enter then does nothing): why the value is
// refused, and where AWS Clean Rooms runs (the catalog's Region list). No vscode import.
import { REGIONS } from '../../catalog/regions';
import type { Translate } from '../../fill/aws-commands';
import { plainText } from './plain';

/** The Regions where AWS Clean Rooms runs, as "us-east-1 (US East (N. Virginia)), …", in the catalog's order. */
export function cleanRoomsRegionList(): string {
  return REGIONS.filter((r) => r.cleanRooms)
    .map((r) => `${r.code} (${r.name})`)
    .join(', ');
}

export interface RegionNotice {
  /** Why the typed value is not taken (the step's validation message). */
  label: string;
  /** Where AWS Clean Rooms runs. */
  detail: string;
}

/**
 * The notice to show for `typed`, or undefined when there is nothing to explain: nothing typed, a listed item still
 * matches (label or description, case-insensitive, as the quick pick filters), or the value is valid (Enter takes it).
 */
export function regionNotice(
  typed: string,
  items: ReadonlyArray<{ label: string; description?: string }>,
  validate: (v: string) => string | undefined,
  t: Translate,
): RegionNotice | undefined {
  const v = typed.trim();
  if (!v) return undefined;
  const needle = v.toLowerCase();
  if (items.some((i) => i.label.toLowerCase().includes(needle) || (i.description ?? '').toLowerCase().includes(needle))) return undefined;
  const why = validate(v);
  if (why === undefined) return undefined;
  return { label: plainText(why), detail: t('AWS Clean Rooms runs in {0}.', cleanRoomsRegionList()) };
}
