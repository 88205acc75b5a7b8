// A scanner for Terraform string templates and the HCL expressions inside them,
// enough to check .tf.json files without a Terraform binary.
//
// In Terraform JSON syntax every string in an expression position is a template
// (aws-facts §7.4): "${ expr }" interpolates, "%{ if|for ... }" is a directive,
// "$${" and "%%{" are the escapes for a literal "${" / "%{". A lone "${" that does
// not start a valid expression (e.g. an IAM policy variable "${aws:username}" left
// unescaped) is an error here, as it is for Terraform.
//
// scanTemplate(text) returns
//   { error: string|null,
//     refs: [{root, steps: [{attr}|{index}|{splat}], text}],   // traversals, minus locals of for-expressions
//     functions: [name...],
//     pure: bool,          // the whole string is exactly one interpolation (its raw value, any type)
//     interpolations: n,
//     literal: string|null // the unescaped text when there is no interpolation/directive
//   }

const OPERATORS = ['...', '=>', '==', '!=', '<=', '>=', '&&', '||', '::',
  '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}', '=', '~'];
const KEYWORDS = new Set(['true', 'false', 'null']);
const ESCAPE_HINT = '(a literal "${" must be written "$${" in Terraform JSON)';

class TemplateError extends Error {}

class Scanner {
  constructor(src) {
    this.src = src;
    this.pos = 0;
    this.refs = [];
    this.functions = [];
    this.scopes = [];
  }

  fail(message) {
    throw new TemplateError(message);
  }

  // ---- templates -------------------------------------------------------
  // Scans template text up to `terminator` ('"' inside an expression, null at top
  // level). Returns {interpolations, directives, literal}.
  template(terminator) {
    const out = { interpolations: 0, directives: 0, literal: '' };
    const open = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (terminator && c === terminator) break;
      if (terminator && c === '\\') { out.literal += this.escape(); continue; }
      if (this.src.startsWith('$${', this.pos) || this.src.startsWith('%%{', this.pos)) {
        out.literal += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (this.src.startsWith('${', this.pos)) { this.interpolation(); out.interpolations++; continue; }
      if (this.src.startsWith('%{', this.pos)) { this.directive(open); out.directives++; continue; }
      out.literal += c;
      this.pos++;
    }
    if (terminator && this.src[this.pos] !== terminator) this.fail('unterminated quoted string in expression');
    if (open.length) this.fail(`template directive "%{ ${open[open.length - 1]} }" is never closed`);
    return out;
  }

  escape() {
    const next = this.src[this.pos + 1];
    const simple = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (next in simple) { this.pos += 2; return simple[next]; }
    const m = /^\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(this.src.slice(this.pos));
    if (!m) this.fail(`invalid escape "\\${next ?? ''}" in quoted string`);
    this.pos += m[0].length;
    return String.fromCodePoint(parseInt(m[1].slice(1), 16));
  }

  interpolation() {
    const start = this.pos;
    this.pos += 2;
    if (this.src[this.pos] === '~') this.pos++;
    try {
      this.expression();
      this.close();
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      const end = this.src.indexOf('}', start);
      const shown = this.src.slice(start, end < 0 ? start + 40 : end + 1);
      this.fail(`invalid interpolation "${shown}": ${e.message} ${ESCAPE_HINT}`);
    }
  }

  // "~}" or "}" closing an interpolation or directive.
  close() {
    this.skipSpace();
    if (this.src[this.pos] === '~') this.pos++;
    if (this.src[this.pos] !== '}') this.fail(`expected "}" but found ${this.describeHere()}`);
    this.pos++;
  }

  directive(open) {
    this.pos += 2;
    if (this.src[this.pos] === '~') this.pos++;
    const word = this.token();
    if (word.t !== 'ident') this.fail(`invalid template directive at ${this.describeHere()} (a literal "%{" must be written "%%{")`);
    const handlers = {
      if: () => { this.expression(); open.push('if'); },
      else: () => { if (open[open.length - 1] !== 'if') this.fail('"%{ else }" outside "%{ if }"'); },
      endif: () => { if (open.pop() !== 'if') this.fail('"%{ endif }" without "%{ if }"'); },
      for: () => { this.forHeader(); open.push('for'); },
      endfor: () => { if (open.pop() !== 'for') this.fail('"%{ endfor }" without "%{ for }"'); this.scopes.pop(); },
    };
    if (!handlers[word.v]) this.fail(`unknown template directive "${word.v}" (a literal "%{" must be written "%%{")`);
    handlers[word.v]();
    this.close();
  }

  // "a, b in expr" of a for directive or for expression; pushes a scope.
  forHeader() {
    const names = [this.expectIdent()];
    if (this.peek().v === ',') { this.token(); names.push(this.expectIdent()); }
    const kw = this.token();
    if (kw.v !== 'in') this.fail(`expected "in" in for, found ${this.describe(kw)}`);
    this.expression();
    this.scopes.push(new Set(names));
  }

  // ---- lexer -----------------------------------------------------------
  skipSpace() {
    while (this.pos < this.src.length) {
      if (/\s/.test(this.src[this.pos])) this.pos++;
      else if (this.src.startsWith('/*', this.pos)) {
        const end = this.src.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated comment');
        this.pos = end + 2;
      } else break;
    }
  }

  peek() {
    const save = this.pos;
    const refs = this.refs.length;
    const fns = this.functions.length;
    const tok = this.token();
    this.pos = save;
    this.refs.length = refs;
    this.functions.length = fns;
    return tok;
  }

  token() {
    this.skipSpace();
    const rest = this.src.slice(this.pos);
    if (rest === '') return { t: 'eof', v: '' };
    let m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    if (m) { this.pos += m[0].length; return { t: 'ident', v: m[0] }; }
    m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (m) { this.pos += m[0].length; return { t: 'number', v: m[0] }; }
    if (rest[0] === '"') {
      this.pos++;
      this.template('"');
      this.pos++;
      return { t: 'string', v: '"' };
    }
    if (rest.startsWith('<<')) this.fail('heredoc expressions are not supported by this checker');
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (!op) this.fail(`unexpected character "${rest[0]}"`);
    this.pos += op.length;
    return { t: 'op', v: op };
  }

  expectOp(v) {
    const tok = this.token();
    if (tok.t !== 'op' || tok.v !== v) this.fail(`expected "${v}" but found ${this.describe(tok)}`);
  }

  expectIdent() {
    const tok = this.token();
    if (tok.t !== 'ident') this.fail(`expected a name but found ${this.describe(tok)}`);
    return tok.v;
  }

  describe(tok) {
    return tok.t === 'eof' ? 'the end of the string' : `"${tok.v}"`;
  }

  describeHere() {
    return this.pos >= this.src.length ? 'the end of the string' : `"${this.src[this.pos]}"`;
  }

  // ---- expressions (HCL native syntax, precedence climbing) -------------
  expression() {
    this.binary(0);
    if (this.peek().v === '?') {
      this.token();
      this.expression();
      this.expectOp(':');
      this.expression();
    }
  }

  binary(level) {
    const LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];
    if (level === LEVELS.length) { this.unary(); return; }
    this.binary(level + 1);
    while (this.peek().t === 'op' && LEVELS[level].includes(this.peek().v)) {
      this.token();
      this.binary(level + 1);
    }
  }

  unary() {
    const tok = this.peek();
    if (tok.t === 'op' && (tok.v === '-' || tok.v === '!')) { this.token(); this.unary(); return; }
    this.postfix(this.primary());
  }

  // Returns the traversal being built (or null when the value is not a reference).
  primary() {
    const tok = this.token();
    if (tok.t === 'number' || tok.t === 'string') return null;
    if (tok.t === 'ident') return this.identifier(tok.v);
    if (tok.v === '(') { this.expression(); this.expectOp(')'); return null; }
    if (tok.v === '[') { this.tuple(); return null; }
    if (tok.v === '{') { this.object(); return null; }
    return this.fail(`expected an expression but found ${this.describe(tok)}`);
  }

  identifier(name) {
    if (KEYWORDS.has(name)) return null;
    const next = this.peek();
    if (next.v === '(' || next.v === '::') { this.call(name); return null; }
    return { root: name, steps: [] };
  }

  call(name) {
    let full = name;
    while (this.peek().v === '::') { this.token(); full += `::${this.expectIdent()}`; }
    this.expectOp('(');
    this.functions.push(full);
    if (this.peek().v === ')') { this.token(); return; }
    for (;;) {
      this.expression();
      const sep = this.token();
      if (sep.v === ')') return;
      if (sep.v === '...') { this.expectOp(')'); return; }
      if (sep.v !== ',') this.fail(`expected "," or ")" in call to ${full} but found ${this.describe(sep)}`);
      if (this.peek().v === ')') { this.token(); return; }
    }
  }

  postfix(traversal) {
    for (;;) {
      const tok = this.peek();
      if (tok.v === '.') {
        this.token();
        const step = this.token();
        if (step.t === 'ident') traversal?.steps.push({ attr: step.v });
        else if (step.t === 'number') traversal?.steps.push({ index: true });
        else if (step.v === '*') traversal?.steps.push({ splat: true });
        else this.fail(`expected an attribute name after "." but found ${this.describe(step)}`);
      } else if (tok.v === '[') {
        this.token();
        if (this.peek().v === '*') { this.token(); traversal?.steps.push({ splat: true }); } else {
          this.expression();
          traversal?.steps.push({ index: true });
        }
        this.expectOp(']');
      } else break;
    }
    if (traversal && !this.scopes.some((s) => s.has(traversal.root))) this.refs.push(traversal);
  }

  tuple() {
    if (this.peek().v === 'for' && this.isForExpression()) { this.forExpression(']', false); return; }
    while (this.peek().v !== ']') {
      this.expression();
      if (this.peek().v === ',') this.token();
      else break;
    }
    this.expectOp(']');
  }

  object() {
    if (this.peek().v === 'for' && this.isForExpression()) { this.forExpression('}', true); return; }
    while (this.peek().v !== '}') {
      this.objectKey();
      const sep = this.token();
      if (sep.v !== '=' && sep.v !== ':') this.fail(`expected "=" or ":" after an object key but found ${this.describe(sep)}`);
      this.expression();
      if (this.peek().v === ',') this.token();
    }
    this.expectOp('}');
  }

  // A bare name as an object key is a literal, not a reference.
  objectKey() {
    const save = this.pos;
    const tok = this.token();
    if (tok.t === 'ident' && ['=', ':'].includes(this.peek().v)) return;
    this.pos = save;
    this.expression();
  }

  isForExpression() {
    const save = this.pos;
    this.token();
    const next = this.peek();
    this.pos = save;
    return next.t === 'ident';
  }

  forExpression(closer, isObject) {
    this.token(); // for
    this.forHeader();
    this.expectOp(':');
    this.expression();
    if (isObject) {
      this.expectOp('=>');
      this.expression();
      if (this.peek().v === '...') this.token();
    }
    if (this.peek().v === 'if') { this.token(); this.expression(); }
    this.scopes.pop();
    this.expectOp(closer);
  }
}

export function scanTemplate(text) {
  const s = new Scanner(text);
  try {
    const t = s.template(null);
    const pure = t.interpolations === 1 && t.directives === 0 && t.literal === '' && /^\$\{~?[^]*~?\}$/.test(text);
    return {
      error: null,
      refs: s.refs.map((r) => ({ ...r, text: refText(r) })),
      functions: s.functions,
      pure,
      interpolations: t.interpolations,
      literal: t.interpolations === 0 && t.directives === 0 ? t.literal : null,
    };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return { error: e.message, refs: [], functions: [], pure: false, interpolations: 0, literal: null };
  }
}

// Scans a bare expression (no "${ }"), as used by depends_on-like fields.
export function scanExpression(text) {
  return scanTemplate(`\${${text}}`);
}

function refText(r) {
  return r.root + r.steps.map((st) => (st.attr !== undefined ? `.${st.attr}` : st.splat ? '[*]' : '[i]')).join('');
}
