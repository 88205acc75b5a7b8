// Terraform type constraints as written in a variable's "type" (aws-facts §7.4:
// a type-expression string such as "list(string)"), and a conformance check for
// literal default values.
//   type := string | number | bool | any
//         | list(type) | set(type) | map(type)
//         | object({ name = type | optional(type[, default]), ... })
//         | tuple([ type, ... ])

function tokenize(text) {
  const tokens = [];
  const re = /\s*([A-Za-z_][A-Za-z0-9_-]*|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[(){}[\],=:])/y;
  let m;
  let pos = 0;
  while (pos < text.length && (m = re.exec(text))) {
    tokens.push(m[1]);
    pos = re.lastIndex;
    if (/^\s*$/.test(text.slice(pos))) break;
  }
  if (!/^\s*$/.test(text.slice(pos))) throw new Error(`unexpected text at "${text.slice(pos, pos + 10)}"`);
  return tokens;
}

class TypeParser {
  constructor(text) {
    this.tokens = tokenize(text);
    this.i = 0;
  }

  next() {
    if (this.i >= this.tokens.length) throw new Error('unexpected end');
    return this.tokens[this.i++];
  }

  expect(tok) {
    const got = this.next();
    if (got !== tok) throw new Error(`expected "${tok}", found "${got}"`);
  }

  type() {
    const word = this.next();
    if (['string', 'number', 'bool', 'any'].includes(word)) return { kind: word };
    if (['list', 'set', 'map'].includes(word)) {
      this.expect('(');
      const element = this.type();
      this.expect(')');
      return { kind: word, element };
    }
    if (word === 'object') return this.object();
    if (word === 'tuple') return this.tuple();
    throw new Error(`unknown type "${word}"`);
  }

  object() {
    this.expect('(');
    this.expect('{');
    const attributes = {};
    while (this.tokens[this.i] !== '}') {
      const name = this.next();
      if (!/^[A-Za-z_]/.test(name)) throw new Error(`bad attribute name "${name}"`);
      this.expect('=');
      attributes[name] = this.attributeType();
      if (this.tokens[this.i] === ',') this.i++;
    }
    this.expect('}');
    this.expect(')');
    return { kind: 'object', attributes };
  }

  attributeType() {
    if (this.tokens[this.i] !== 'optional') return { type: this.type(), optional: false };
    this.i++;
    this.expect('(');
    const type = this.type();
    if (this.tokens[this.i] === ',') this.skipDefault();
    this.expect(')');
    return { type, optional: true };
  }

  // optional(T, default): skip the default expression up to the closing paren.
  skipDefault() {
    let depth = 0;
    for (this.i++; this.i < this.tokens.length; this.i++) {
      const t = this.tokens[this.i];
      if ('([{'.includes(t)) depth++;
      else if (')]}'.includes(t)) { if (depth === 0) return; depth--; }
    }
  }

  tuple() {
    this.expect('(');
    this.expect('[');
    const elements = [];
    while (this.tokens[this.i] !== ']') {
      elements.push(this.type());
      if (this.tokens[this.i] === ',') this.i++;
    }
    this.expect(']');
    this.expect(')');
    return { kind: 'tuple', elements };
  }
}

export function parseTypeExpression(text) {
  const p = new TypeParser(text);
  const t = p.type();
  if (p.i !== p.tokens.length) throw new Error(`unexpected "${p.tokens[p.i]}" after the type`);
  return t;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// Does the literal JSON value v convert to type t (Terraform's conversions of
// primitives included: numbers and bools convert to string and back)?
export function valueMatchesType(v, t) {
  switch (t.kind) {
    case 'any': return true;
    case 'string': return ['string', 'number', 'boolean'].includes(typeof v);
    case 'number': return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)));
    case 'bool': return typeof v === 'boolean' || v === 'true' || v === 'false';
    case 'list': case 'set': return Array.isArray(v) && v.every((el) => valueMatchesType(el, t.element));
    case 'map': return isObject(v) && Object.values(v).every((el) => valueMatchesType(el, t.element));
    case 'tuple': return Array.isArray(v) && v.length === t.elements.length && v.every((el, i) => valueMatchesType(el, t.elements[i]));
    case 'object':
      return isObject(v) && Object.entries(t.attributes).every(([k, a]) => (k in v ? valueMatchesType(v[k], a.type) : a.optional));
    default: return false;
  }
}
