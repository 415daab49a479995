// Pure: the placeholders the fill offers, given the user's cleanroomsIam.rules. No vscode import.
import { PLACEHOLDER_RULE_BY_SOURCE } from '../../analysis/rules/placeholders';
import type { SeveritySetting } from '../../analysis/types';
import type { PlaceholderOccurrence } from '../../fill/detect';

/**
 * The occurrences whose rule is not turned off: with `placeholder-example-value: off` the doc example values are the
 * user's own values, so the code lens does not count them and Fill Placeholders does not ask for them.
 */
export function enabledPlaceholders(occurrences: readonly PlaceholderOccurrence[], rules: Readonly<Record<string, SeveritySetting>>): PlaceholderOccurrence[] {
  return occurrences.filter((o) => rules[PLACEHOLDER_RULE_BY_SOURCE[o.source]] !== 'off');
}
