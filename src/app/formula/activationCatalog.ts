/**
 * The URL-state catalog for every page (explorer, trainer, compare): the registry, plus typed
 * formulas carried in `my.…` ids, so a shared link with a custom formula opens anywhere.
 */
import { compileCustomId } from '../../core/custom/compileCustom';
import { isCustomId } from '../../core/custom/encoding';
import { registryCatalog } from '../state/registryCatalog';
import type { CatalogItem, StateCatalog } from '../state/activationToken';

function customItem(id: string): CatalogItem | undefined {
  if (!isCustomId(id)) return undefined;
  try {
    const params = compileCustomId(id).params;
    return { id, options: [], paramsFor: () => params };
  } catch {
    return undefined;
  }
}

export const activationCatalog: StateCatalog = {
  lookup: (idOrAlias) => registryCatalog.lookup(idOrAlias) ?? customItem(idOrAlias.trim()),
};
