/** The game day's S3 step on a machine without Ceph: skipped, saying what is missing and how to get it. */
import { startS3 } from '../../../cli/demo/game-day/targets.ts';
import { CEPH_RGW_PROGRAMS, missingCephPrograms } from '../../../cli/demo/support/ceph-rgw.ts';
import { Teardown } from '../../../cli/demo/support/teardown.ts';

describe('the game day S3 target', () => {
  it('is skipped with the missing programs and the install hint when Ceph is not on PATH', async () => {
    const teardown = new Teardown();
    expect(missingCephPrograms('/nonexistent:/also-not-there')).toEqual(CEPH_RGW_PROGRAMS);
    const target = await startS3(teardown, '/nonexistent');
    expect(target).toEqual({
      skipped: `Ceph RGW is not installed (missing ${CEPH_RGW_PROGRAMS.join(', ')}): install ceph-mon ceph-osd radosgw ceph-common with scripts/setup.sh to see the Object Lock step`,
    });
    // Nothing was started, so there is nothing to stop.
    expect(await teardown.run()).toEqual([]);
  });
});
