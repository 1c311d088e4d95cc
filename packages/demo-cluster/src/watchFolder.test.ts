import { isManifestChange } from './watchFolder';

describe('isManifestChange', () => {
  it('reloads for manifest files at any depth, and when the platform does not say', () => {
    for (const p of ['shop.yaml', 'a/b/c.yml', 'list.JSON', null]) {
      expect({ p, reload: isManifestChange(p) }).toEqual({ p, reload: true });
    }
  });

  it('ignores editor swap files, dot-folders and other files', () => {
    for (const p of [
      '.shop.yaml.swp',
      '.git/config.json',
      'a/.hidden/x.yaml',
      'shop.yaml~',
      '4913',
      'README.md',
    ]) {
      expect({ p, reload: isManifestChange(p) }).toEqual({ p, reload: false });
    }
  });
});
