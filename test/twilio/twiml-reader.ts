/**
 * Reads the TwiML the CRM server answers with, as Twilio does: elements, attributes and
 * text. TwiML is plain XML without namespaces, comments or CDATA in what our server
 * writes (the `twilio` package's builder), so a small reader is enough; anything it does
 * not understand throws, so a test never runs on a document read wrong.
 */
export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  children: TwimlNode[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) =>
    name.startsWith('#x')
      ? String.fromCodePoint(parseInt(name.slice(2), 16))
      : name.startsWith('#')
        ? String.fromCodePoint(Number(name.slice(1)))
        : entities[name]!,
  );

export function readTwiml(xml: string): TwimlNode {
  const body = xml.replace(/^\s*<\?xml[^?]*\?>/, '');
  const root: TwimlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = tag.exec(body)) !== null) {
    consumed = tag.lastIndex;
    const [, closing, name, attrText, selfClosing, text] = match;
    const top = stack.at(-1)!;
    if (text !== undefined) {
      top.text += decode(text);
      continue;
    }
    if (closing) {
      if (top.name !== name) throw new Error(`TwiML: </${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, key, value] of attrText!.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[key!] = decode(value!);
    const node: TwimlNode = { name: name!, attrs, children: [], text: '' };
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (consumed !== body.length || stack.length !== 1) throw new Error(`TwiML could not be read: ${xml}`);
  const response = root.children[0];
  if (!response || response.name !== 'Response') throw new Error(`TwiML without <Response>: ${xml}`);
  return response;
}

export const childrenNamed = (node: TwimlNode, name: string) => node.children.filter((child) => child.name === name);
