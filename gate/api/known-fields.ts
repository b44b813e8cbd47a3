// kubernetes-models' validators do not reject unknown properties (the Kubernetes schemas have no
// additionalProperties: false), and the package ships them only as compiled ajv code, not as JSON schemas.
// So the keys a schema defines are learnt from the validator itself: it runs on a Proxy of the object that records
// the keys it reads. The compiled code looks up every property its schema defines, and enumerates the keys only
// of maps. Any other key is unknown.
//
// What is learnt is kept per validator and path, and an object whose every path was seen before is validated
// as it is, without the Proxy (several times faster). That is exact because ajv's code, compiled with allErrors,
// reads the same keys of every object at a path whatever its values, and a path has one schema per kind (the
// built-in schemas have oneOf only over int-or-string and quantity, never over objects). An object and an array
// at one path are read differently: they are learnt apart.

/** An ajv error as kubernetes-models reports it (messages already translated by ajv-i18n). */
export interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: { readonly allowedValues?: readonly unknown[] };
}

export type Validate = (this: unknown) => void;

type Segment = string | number;

/** What the validator reads of the values at one path. */
interface Shape {
  /** An object there: the keys read, in the order read (none: free-form, e.g. RawExtension), and whether it enumerated them (a map). */
  object?: { readonly keys: Set<string>; map: boolean; readonly children: Map<string, Shape> };
  /** A non-empty array there, and what is read of its items (none where the validator did not read them). */
  array?: { items?: Shape };
}

/** A key the schema at its path does not define. */
export interface UnknownField {
  readonly path: readonly Segment[];
  readonly key: string;
  /** The keys the schema defines there, in the validator's order. */
  readonly known: Iterable<string>;
}

const learnt = new Map<Validate, Shape>();

/** Runs a kubernetes-models validator over the object: ajv's errors, and the keys its schema does not define. */
export function validateObject(validate: Validate, object: Record<string, unknown>): { errors: readonly AjvError[]; unknown: UnknownField[] } {
  let root = learnt.get(validate);
  if (!root) learnt.set(validate, (root = {}));
  const unknown: UnknownField[] = [];
  if (findUnknown(root, object, [], unknown)) return { errors: errorsOf(validate, object), unknown };
  let errors: readonly AjvError[];
  try {
    errors = errorsOf(validate, traced(object, root));
  } catch (error) {
    // What was learnt of a run that did not finish may be partial.
    learnt.delete(validate);
    throw error;
  }
  unknown.length = 0;
  // Everything the walk needs was learnt by the traced run just now.
  findUnknown(root, object, [], unknown);
  return { errors, unknown };
}

function errorsOf(validate: Validate, data: object): readonly AjvError[] {
  try {
    validate.call(data);
    return [];
  } catch (error) {
    const errors = (error as { errors?: readonly AjvError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors;
  }
}

/** A Proxy of the value that records into `at` what the validator reads of it, and of what it holds. */
function traced(target: object, at: Shape): object {
  if (Array.isArray(target)) {
    if (target.length === 0) return target;
    const array = (at.array ??= {});
    return new Proxy(target, {
      get(t, key, receiver) {
        const value = Reflect.get(t, key, receiver);
        if (typeof key === 'symbol' || !/^\d+$/.test(key)) return value;
        const items = (array.items ??= {});
        return value !== null && typeof value === 'object' ? traced(value, items) : value;
      },
    });
  }
  const object = (at.object ??= { keys: new Set(), map: false, children: new Map() });
  return new Proxy(target, {
    get(t, key, receiver) {
      const value = Reflect.get(t, key, receiver);
      if (typeof key === 'symbol') return value;
      if (!object.map) object.keys.add(key);
      if (value === null || typeof value !== 'object') return value;
      let child = object.children.get(key);
      if (!child) object.children.set(key, (child = {}));
      return traced(value, child);
    },
    ownKeys(t) {
      object.map = true;
      return Reflect.ownKeys(t);
    },
  });
}

/**
 * Adds the unknown keys of the value to `out`, each object's before those of the objects in it. False where the
 * value holds an object or array at a path not learnt yet: then what it added is incomplete.
 */
function findUnknown(at: Shape | undefined, value: unknown, path: Segment[], out: UnknownField[]): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    if (value.length === 0) return true;
    if (!at?.array) return false;
    const items = at.array.items;
    return !items || value.every((item, i) => descend(items, item, path, i, out));
  }
  const object = at?.object;
  if (!object) return false;
  // Free-form: the validator read no key at all.
  if (!object.map && object.keys.size === 0) return true;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const read = object.map ? keys : keys.filter((key) => object.keys.has(key));
  // An undefined value is never serialized, so only a caller's in-memory object can have one: not a field.
  if (!object.map) for (const key of keys) if (!object.keys.has(key) && record[key] !== undefined) out.push({ path: [...path], key, known: object.keys });
  return read.every((key) => descend(object.children.get(key), record[key], path, key, out));
}

function descend(at: Shape | undefined, value: unknown, path: Segment[], segment: Segment, out: UnknownField[]): boolean {
  path.push(segment);
  const complete = findUnknown(at, value, path, out);
  path.pop();
  return complete;
}
