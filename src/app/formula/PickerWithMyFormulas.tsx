/** The activation picker with the user's saved formulas listed first ("my formulas"). */
import { ActivationPicker, type ActivationPickerProps } from '../search/ActivationPicker';
import { useMyFormulaPicker } from './myFormulaItems';

export function PickerWithMyFormulas(props: ActivationPickerProps) {
  const wiring = useMyFormulaPicker(props.items, props.selectedIds, props.onAdd);
  return <ActivationPicker {...props} {...wiring} />;
}
