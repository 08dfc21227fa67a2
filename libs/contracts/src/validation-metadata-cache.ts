import { getMetadataStorage } from 'class-validator';

/**
 * class-validator looks up a class's rules on every object it validates, nested
 * ones included: it filters the class's rules and then walks every class it has
 * rules for, testing `instanceof` for inherited ones. With some hundred contract
 * and request classes that lookup was the largest single cost of consuming an
 * event (5 % of service-commitments' CPU under load). The rules of a class change
 * only when a decorator adds one, so the answer is kept per class and options
 * until then.
 *
 * Installed once per process on the global metadata storage that every
 * class-validator call uses (events and HTTP bodies alike). Adding a rule clears
 * what is kept, so a class decorated later is seen as before.
 */
type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type ValidationMetadata = ReturnType<Lookup>[number];

const INSTALLED = Symbol.for('serviceloop.validationMetadataCache');

export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;

  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const groupByPropertyName = storage.groupByPropertyName.bind(storage);
  const addValidationMetadata = storage.addValidationMetadata.bind(storage);
  let byTarget = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], { [propertyName: string]: ValidationMetadata[] }>();

  storage.addValidationMetadata = (metadata: ValidationMetadata): void => {
    byTarget = new Map();
    grouped = new WeakMap();
    addValidationMetadata(metadata);
  };
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    const key = `${targetSchema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0001')}`;
    let forTarget = byTarget.get(targetConstructor);
    if (forTarget === undefined) byTarget.set(targetConstructor, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (found === undefined) {
      // Frozen: every caller gets the same array, so none may change it.
      found = Object.freeze(lookup(targetConstructor, targetSchema, always, strictGroups, groups)) as ValidationMetadata[];
      forTarget.set(key, found);
    }
    return found;
  };
  storage.groupByPropertyName = (metadata: ValidationMetadata[]) => {
    let found = grouped.get(metadata);
    if (found === undefined) {
      found = groupByPropertyName(metadata);
      if (Object.isFrozen(metadata)) grouped.set(metadata, Object.freeze(found));
    }
    return found;
  };
}
