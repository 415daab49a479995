// The Region quick pick's notice: an unsupported Region typed into the wizard says why it is refused and lists where
// AWS Clean Rooms runs, instead of an empty list where Enter does nothing.
import { strict as assert } from 'node:assert';
import { placeholderKind } from '../../src/catalog/placeholder-kinds';
import { REGIONS, regionsForPicker } from '../../src/catalog/regions';
import { englishT } from '../../src/fill/aws-commands';
import { cleanRoomsRegionList, regionNotice } from '../../src/vscode/logic/region-notice';

// The items the Region step lists for a `region` placeholder: the Clean Rooms Regions only.
const items = regionsForPicker()
  .filter((r) => r.cleanRooms)
  .map((r) => ({ label: r.code, description: r.name }));
const validate = (v: string) => placeholderKind('region').validate(v);
const notice = (typed: string) => regionNotice(typed, items, validate, englishT);

describe('vscode logic: Region notice in the wizard', () => {
  it('us-west-1 (a Region without Clean Rooms): says so and lists the 11 Clean Rooms Regions with their names', () => {
    const n = notice('us-west-1');
    assert.ok(n);
    assert.equal(n.label, 'AWS Clean Rooms is not available in us-west-1 (US West (N. California)). Use the Region of your collaboration.');
    const codes = REGIONS.filter((r) => r.cleanRooms).map((r) => r.code);
    assert.equal(codes.length, 11);
    assert.equal(n.detail, `AWS Clean Rooms runs in ${cleanRoomsRegionList()}.`);
    for (const r of REGIONS) assert.equal(n.detail.includes(`${r.code} (${r.name})`), r.cleanRooms, r.code);
    assert.match(n.detail, /^AWS Clean Rooms runs in us-east-1 \(US East \(N\. Virginia\)\), us-east-2 \(US East \(Ohio\)\), us-west-2/);
  });

  it('other refused values get their own reason: not a Region code, another partition', () => {
    assert.equal(notice('mars-1')?.label, 'mars-1 is not an AWS Region code (for example us-east-1).');
    assert.match(notice('us-gov-west-1')?.label ?? '', /aws-us-gov partition/);
    assert.match(notice(' sa-east-1 ')?.label ?? '', /not available in sa-east-1/);
  });

  it('no notice while the list still matches (part of a code, a Region name, any case) or nothing is typed', () => {
    for (const typed of ['', '  ', 'eu-', 'EU-WEST', 'london', 'Frankfurt', 'us-east-1']) assert.equal(notice(typed), undefined, typed);
  });

  it('no notice for a valid value the list does not show (Enter takes it)', () => {
    assert.equal(
      regionNotice('us-west-1', items, (v) => placeholderKind('any-region').validate(v), englishT),
      undefined,
    );
  });

  it('the typed text cannot become a link or an icon in the label', () => {
    const n = regionNotice('$(x)[a](command:y)', items, () => '$(x)[a](command:y) is not an AWS Region code', englishT);
    assert.ok(n && !n.label.includes('$(') && !n.label.includes(']('), n?.label);
  });
});
