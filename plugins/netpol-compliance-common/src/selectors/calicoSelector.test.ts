import { parseCalicoSelector } from './calicoSelector';

const labels = {
  app: 'web',
  tier: 'front',
  'projectcalico.org/namespace': 'shop',
};

function matches(
  selector: string,
  l: Record<string, string> = labels,
): boolean {
  const parsed = parseCalicoSelector(selector);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.matches(l);
}

describe('parseCalicoSelector', () => {
  it.each<[string, boolean]>([
    ['', true],
    ['all()', true],
    ['global()', false],
    ["app == 'web'", true],
    ['app == "web"', true],
    ["app == 'db'", false],
    ["app != 'db'", true],
    ["app != 'web'", false],
    ["zone != 'a'", true],
    ['has(app)', true],
    ['has(zone)', false],
    ['!has(zone)', true],
    ['!has(app)', false],
    ["app in {'web','api'}", true],
    ["app in {'db'}", false],
    ["app not in {'db'}", true],
    ["zone in {'a'}", false],
    ["app == 'web' && tier == 'front'", true],
    ["app == 'web' && tier == 'back'", false],
    ["app == 'db' || tier == 'front'", true],
    ["!(app == 'web')", false],
    ["(app == 'db' || app == 'web') && has(tier)", true],
    ["projectcalico.org/namespace == 'shop'", true],
    ["app contains 'e'", true],
    ["app starts with 'w'", true],
    ["app ends with 'x'", false],
  ])('%s → %s', (selector, expected) => {
    expect(matches(selector)).toBe(expected);
  });

  it.each([
    "app = 'web'",
    'app == web',
    "app == 'web' &&",
    'has(',
    "app in ('a')",
    "app ~ 'x'",
    "app == 'unterminated",
  ])('reports %j as unsupported', selector => {
    const parsed = parseCalicoSelector(selector);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(/unsupported Calico selector/);
  });
});
