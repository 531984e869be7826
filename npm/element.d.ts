// <contract-calculator>: importing 'contract-calc/element' defines the element.
import type { Change, HolidayCnYear, Inputs, Template } from './index.js';

export declare class ContractCalculator extends HTMLElement {
  /** The values as typed, by blank id. */
  values: Inputs | undefined;
  /** The template id, values and results now (the detail of `contract-change`). */
  readonly results: Change | undefined;
  /** A template document instead of the `template` attribute (a bundled id). */
  template: string | Template | null;
  /** Extra years of holiday data, used from the next mount. */
  holidays: HolidayCnYear | string | (HolidayCnYear | string)[] | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'contract-calculator': ContractCalculator;
  }
  interface HTMLElementEventMap {
    'contract-change': CustomEvent<Change>;
  }
}
