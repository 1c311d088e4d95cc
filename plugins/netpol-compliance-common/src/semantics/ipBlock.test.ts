import {
  compileIpBlock,
  ipBlockContains,
  ipBlockHasAddresses,
  ipBlockIsEverything,
  ipBlockMatches,
  parseCidr,
  parseIp,
} from './ipBlock';

describe('ipBlock matching', () => {
  it.each<[string, { cidr: string; except?: string[] }, string, boolean]>([
    ['inside IPv4', { cidr: '10.0.0.0/8' }, '10.1.2.3', true],
    ['outside IPv4', { cidr: '10.0.0.0/8' }, '11.0.0.1', false],
    ['network address', { cidr: '10.0.0.0/8' }, '10.0.0.0', true],
    [
      'excepted',
      { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
      '10.1.2.3',
      false,
    ],
    [
      'next to the exception',
      { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
      '10.2.0.1',
      true,
    ],
    ['/32 host', { cidr: '192.168.1.10/32' }, '192.168.1.10', true],
    ['/32 other host', { cidr: '192.168.1.10/32' }, '192.168.1.11', false],
    ['everything IPv4', { cidr: '0.0.0.0/0' }, '8.8.8.8', true],
    ['IPv6 inside', { cidr: '2001:db8::/32' }, '2001:db8:1::5', true],
    ['IPv6 outside', { cidr: '2001:db8::/32' }, '2001:db9::1', false],
    [
      'IPv6 excepted',
      { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] },
      '2001:db8:1::5',
      false,
    ],
    [
      'IPv6 uncompressed form',
      { cidr: '2001:db8::/32' },
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      true,
    ],
    ['everything IPv6', { cidr: '::/0' }, 'fd00::1', true],
    ['IPv4 address in an IPv6 block', { cidr: '::/0' }, '10.0.0.1', false],
    ['IPv6 address in an IPv4 block', { cidr: '0.0.0.0/0' }, 'fd00::1', false],
    [
      'IPv4-mapped IPv6 compared as IPv4',
      { cidr: '10.0.0.0/8' },
      '::ffff:10.0.0.1',
      true,
    ],
    ['invalid address', { cidr: '10.0.0.0/8' }, 'not-an-ip', false],
    ['invalid block matches nothing', { cidr: '10.0.0.0' }, '10.0.0.1', false],
  ])('%s', (_n, block, ip, expected) => {
    expect(ipBlockMatches(block, ip)).toBe(expected);
  });
});

describe('compileIpBlock validation', () => {
  it.each<[{ cidr: string; except?: string[] }, RegExp]>([
    [{ cidr: '10.0.0.0' }, /not a valid CIDR/],
    [{ cidr: '10.0.0.0/33' }, /not a valid CIDR/],
    [{ cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] }, /not strictly inside/],
    [{ cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] }, /not strictly inside/],
    [{ cidr: '10.0.0.0/8', except: ['fd00::/8'] }, /not strictly inside/],
    [
      { cidr: '10.0.0.0/8', except: ['bad'] },
      /except "bad" is not a valid CIDR/,
    ],
  ])('%j is invalid', (block, problem) => {
    const compiled = compileIpBlock(block);
    expect(compiled.valid).toBe(false);
    expect(compiled.problems.join('\n')).toMatch(problem);
    expect(ipBlockContains(compiled, '10.0.0.1')).toBe(false);
  });
});

describe('ipBlock summaries', () => {
  it('recognises every address only without except', () => {
    expect(ipBlockIsEverything(compileIpBlock({ cidr: '0.0.0.0/0' }))).toBe(
      true,
    );
    expect(ipBlockIsEverything(compileIpBlock({ cidr: '::/0' }))).toBe(true);
    expect(
      ipBlockIsEverything(
        compileIpBlock({ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }),
      ),
    ).toBe(false);
    expect(ipBlockIsEverything(compileIpBlock({ cidr: '10.0.0.0/8' }))).toBe(
      false,
    );
  });

  it('knows when the exceptions leave no address', () => {
    expect(ipBlockHasAddresses(compileIpBlock({ cidr: '10.0.0.0/8' }))).toBe(
      true,
    );
    expect(
      ipBlockHasAddresses(
        compileIpBlock({ cidr: '10.0.0.0/8', except: ['10.0.0.0/9'] }),
      ),
    ).toBe(true);
    expect(
      ipBlockHasAddresses(
        compileIpBlock({
          cidr: '10.0.0.0/8',
          except: ['10.0.0.0/9', '10.128.0.0/9'],
        }),
      ),
    ).toBe(false);
    expect(
      ipBlockHasAddresses(
        compileIpBlock({ cidr: 'fd00::/8', except: ['fd00::/9', 'fd80::/9'] }),
      ),
    ).toBe(false);
    expect(ipBlockHasAddresses(compileIpBlock({ cidr: 'bad' }))).toBe(false);
  });
});

describe('CIDRs and addresses read as the API server reads them', () => {
  it.each<[string, string | undefined]>([
    // ParseCIDRSloppy: leading zeros are decimal, never octal.
    ['010.0.0.0/8', '10.0.0.0/8'],
    ['192.168.001.000/24', '192.168.1.0/24'],
    ['10.0.0.1/8', '10.0.0.0/8'],
    ['10.0.0.0/08', '10.0.0.0/8'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['10/8', undefined],
    ['10.1/16', undefined],
    ['0x0a.0.0.0/8', undefined],
    ['167772160/8', undefined],
    ['10.0.0.0/33', undefined],
    ['2001:db8::/129', undefined],
    ['10.0.0.0', undefined],
    ['10.0.0.0/', undefined],
    ['10.0.0.0/+8', undefined],
    ['256.0.0.0/8', undefined],
    ['fe80::1%eth0/64', undefined],
    [' 10.0.0.0/8', undefined],
  ])('%s is %s', (text, expected) => {
    const cidr = parseCidr(text);
    expect(cidr ? `${cidr[0].toString()}/${cidr[1]}` : undefined).toBe(
      expected,
    );
  });

  it('reads leading zeros only in sloppy mode', () => {
    expect(parseCidr('010.0.0.0/8', { strict: true })).toBeUndefined();
    expect(parseCidr('10.0.0.0/08', { strict: true })).toBeUndefined();
    expect(parseCidr('10.0.0.0/8', { strict: true })).toBeDefined();
  });

  it('matches 010.0.0.0/8 as 10.0.0.0/8, not as octal 8.0.0.0/8', () => {
    expect(ipBlockMatches({ cidr: '010.0.0.0/8' }, '10.1.2.3')).toBe(true);
    expect(ipBlockMatches({ cidr: '010.0.0.0/8' }, '8.1.2.3')).toBe(false);
  });

  it.each([
    ['010.0.0.1', '10.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['2001:db8::1', '2001:db8::1'],
    ['0x0a.0.0.1', undefined],
    ['10.1', undefined],
    ['167772161', undefined],
  ])('address %s is %s', (text, expected) => {
    expect(parseIp(text)?.toString()).toBe(expected);
  });
});
