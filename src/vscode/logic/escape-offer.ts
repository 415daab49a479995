// Pure: what New Policy from Template offers when the user presses Escape in one of its value steps: the policy with
// the values given so far, the other placeholders left as <tokens> to fill later. No vscode import.
import type { PolicyTemplate } from '../../catalog/types';
import type { Translate } from '../../fill/aws-commands';

export interface EscapeOffer {
  message: string;
  detail: string;
  /** The placeholder names still unanswered, in declaration order. */
  remaining: string[];
}

const LISTED = 4;

export function escapeOffer(template: PolicyTemplate, answers: ReadonlyMap<string, string>, t: Translate): EscapeOffer {
  const remaining = template.placeholders.map((p) => p.name).filter((n) => !answers.has(n));
  const given = template.placeholders.length - remaining.length;
  const tokens = remaining.slice(0, LISTED).map((n) => `<${n}>`);
  const list = remaining.length > LISTED ? t('{0}, …', tokens.join(', ')) : tokens.join(', ');
  let message: string;
  if (remaining.length === 0) message = t('Create "{0}" with the values you entered?', template.title);
  else if (given === 0)
    message =
      remaining.length === 1
        ? t('Create "{0}" with its placeholder {1} left in place to fill later?', template.title, list)
        : t('Create "{0}" with its {1} placeholders ({2}) left in place to fill later?', template.title, remaining.length, list);
  else {
    const values = given === 1 ? t('the value you entered') : t('the {0} values you entered', given);
    message =
      remaining.length === 1
        ? t('Create "{0}" with {1} and the placeholder {2} left in place to fill later?', template.title, values, list)
        : t('Create "{0}" with {1} and {2} placeholders ({3}) left in place to fill later?', template.title, values, remaining.length, list);
  }
  const detail = t('Each placeholder left is flagged in the editor; Fill Placeholders fills them. Cancel creates nothing.');
  return { message, detail, remaining };
}
