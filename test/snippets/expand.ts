/**
 * Expands a VS Code snippet body the way accepting every default would: placeholders become their default text,
 * choices their first option (or the option picked in `choose`), mirrors (`$1` after `${1:web}`) the same text,
 * variables their default, and `$0` nothing. The grammar is the one of VS Code's snippet syntax
 * (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar), escapes included.
 */
export interface ExpandOptions {
  /** Text for a tab stop, instead of its default (what a user would type). */
  readonly values?: Readonly<Record<number, string>>;
  /** Option index per choice tab stop (0 = the first, the default). */
  readonly choose?: Readonly<Record<number, number>>;
}

type Part = string | { stop: number; content?: Part[]; choices?: string[] } | { variable: string; content?: Part[] };

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(until?: string): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push(text);
      text = '';
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (until && c === until) break;
      if (c === '\\' && this.i + 1 < this.s.length && '$}\\'.includes(this.s[this.i + 1])) {
        text += this.s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === '$') {
        const p = this.dollar();
        if (p !== undefined) {
          flush();
          parts.push(p);
          continue;
        }
      }
      text += c;
      this.i++;
    }
    flush();
    return parts;
  }

  private dollar(): Part | undefined {
    const rest = this.s.slice(this.i);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { stop: Number(m[1]) };
    }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { variable: m[1] };
    }
    m = /^\$\{(\d+)(\}|:|\|)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      const stop = Number(m[1]);
      if (m[2] === '}') return { stop };
      if (m[2] === ':') return { stop, content: this.body() };
      return { stop, choices: this.choices() };
    }
    m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(\}|:)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return m[2] === '}' ? { variable: m[1] } : { variable: m[1], content: this.body() };
    }
    return undefined;
  }

  private body(): Part[] {
    const content = this.parse('}');
    if (this.s[this.i] !== '}') throw new Error(`unclosed placeholder in snippet: ${this.s}`);
    this.i++;
    return content;
  }

  private choices(): string[] {
    const options: string[] = [];
    let cur = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\' && ',|\\$}'.includes(this.s[this.i + 1] ?? '')) {
        cur += this.s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === ',') {
        options.push(cur);
        cur = '';
        this.i++;
        continue;
      }
      if (c === '|' && this.s[this.i + 1] === '}') {
        options.push(cur);
        this.i += 2;
        return options;
      }
      cur += c;
      this.i++;
    }
    throw new Error(`unclosed choice in snippet: ${this.s}`);
  }
}

export function parseSnippet(body: string): Part[] {
  return new Parser(body).parse();
}

/** Every tab stop with its choices (for tests that try each option). */
export function choiceStops(body: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const walk = (parts: Part[]) => {
    for (const p of parts) {
      if (typeof p === 'string') continue;
      if ('stop' in p && p.choices) out.set(p.stop, p.choices);
      if (p.content) walk(p.content);
    }
  };
  walk(parseSnippet(body));
  return out;
}

export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  const parts = parseSnippet(text);
  // First pass: the text of each tab stop (the first occurrence with a default or choices defines it).
  const values = new Map<number, string>();
  const define = (ps: Part[]) => {
    for (const p of ps) {
      if (typeof p === 'string' || !('stop' in p)) {
        if (typeof p !== 'string' && p.content) define(p.content);
        continue;
      }
      if (p.content) define(p.content);
      if (values.has(p.stop)) continue;
      const given = options.values?.[p.stop];
      if (given !== undefined) values.set(p.stop, given);
      else if (p.choices) values.set(p.stop, p.choices[options.choose?.[p.stop] ?? 0]);
      else if (p.content) values.set(p.stop, render(p.content));
    }
  };
  const render = (ps: Part[]): string =>
    ps
      .map((p) => {
        if (typeof p === 'string') return p;
        if ('stop' in p) return p.stop === 0 ? '' : (values.get(p.stop) ?? (p.content ? render(p.content) : ''));
        return p.content ? render(p.content) : '';
      })
      .join('');
  define(parts);
  return render(parts);
}
