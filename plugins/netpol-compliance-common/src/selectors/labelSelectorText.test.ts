import {
  LabelSelectorSyntaxError,
  matchesLabelSelectorText,
  parseLabelSelectorText,
} from './labelSelectorText';

const matches = (text: string, labels?: Record<string, string>) =>
  matchesLabelSelectorText(parseLabelSelectorText(text), labels);

describe('parseLabelSelectorText (the grammar of apimachinery labels.Parse)', () => {
  it('reads every operator, spaces anywhere between tokens', () => {
    expect(
      parseLabelSelectorText(' a in ( x , y ) , ! b , c != d , e , f = , g > 2 '),
    ).toEqual([
      { key: 'a', operator: 'in', values: ['x', 'y'] },
      { key: 'b', operator: '!', values: [] },
      { key: 'c', operator: '!=', values: ['d'] },
      { key: 'e', operator: 'exists', values: [] },
      { key: 'f', operator: '=', values: [''] },
      { key: 'g', operator: 'gt', values: ['2'] },
    ]);
  });

  it('keeps empty set members as the API server does', () => {
    expect(parseLabelSelectorText('a in ()')).toEqual([
      { key: 'a', operator: 'in', values: [''] },
    ]);
    expect(parseLabelSelectorText('a notin (x,)')[0].values).toEqual(['x', '']);
  });

  it.each([
    'a,',
    ',a',
    'a in x',
    '!a=b',
    'a=b=c',
    'a>b',
    'a/b/c=x',
    'Example.com/a=x',
    `a=${'v'.repeat(64)}`,
    '-a',
  ])('rejects %j', text => {
    expect(() => parseLabelSelectorText(text)).toThrow(LabelSelectorSyntaxError);
  });

  it('matches as Kubernetes: absent keys satisfy != and notin, numbers compare as numbers', () => {
    expect(matches('a!=x', {})).toBe(true);
    expect(matches('a notin (x)', undefined)).toBe(true);
    expect(matches('a in (x)', {})).toBe(false);
    expect(matches('n>9', { n: '10' })).toBe(true);
    expect(matches('n<9', { n: 'ten' })).toBe(false);
    expect(matches('', undefined)).toBe(true);
  });
});
