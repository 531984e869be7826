// <contract-calculator template="…" lang="…">: the widget as a custom element, for a plain
// HTML page with one <script type="module">. Its DOM and styles live in an open shadow root:
// the page's CSS cannot reach inside, and the widget's CSS cannot leak out. Theming goes
// through CSS custom properties (--cc-accent, --cc-font …), which do cross the boundary.
import { mount } from './index.js';
import WIDGET_CSS from './widget-css.js';

// The host element stays a block whatever the page says (`* { all: unset }` would make it
// inline); `hidden` still hides it. The inner root resets every inherited property (font
// size, letter spacing, text alignment …) so nothing of the page's text styles leaks in.
const RESET = `
:host { display: block !important; }
:host([hidden]) { display: none !important; }
.cc-root { all: initial; display: block; }
.cc-root > .cc-load-error { font: 14px/1.5 system-ui, sans-serif; color: #b42318; margin: 8px; }
`;

export class ContractCalculator extends HTMLElement {
  static observedAttributes = ['template', 'lang'];

  #handle = null;
  #root = null;
  #values = undefined;
  #template = undefined;
  #holidays = undefined;
  // The template and language picked in the widget, kept while it is moved (disconnected).
  #picked = {};

  connectedCallback() {
    if (this.#handle) return;
    if (!this.#root) {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = RESET + WIDGET_CSS;
      this.#root = document.createElement('div');
      this.#root.className = 'cc-root';
      this.#root.setAttribute('part', 'root');
      shadow.replaceChildren(style, this.#root);
    }
    this.#root.replaceChildren();
    try {
      this.#handle = mount(this.#root, {
        template: this.#picked.template ?? this.#template ?? this.getAttribute('template') ?? undefined,
        lang: this.#picked.lang ?? this.getAttribute('lang') ?? undefined,
        values: this.#values,
        holidays: this.#holidays,
        onChange: (change) => {
          this.dispatchEvent(new CustomEvent('contract-change', { detail: change, bubbles: true, composed: true }));
        },
      });
      this.#picked = {};
    } catch (err) {
      const p = document.createElement('p');
      p.className = 'cc-load-error';
      p.setAttribute('role', 'alert');
      p.textContent = `contract-calculator: ${err.message}`;
      this.#root.replaceChildren(p);
      console.error(err);
    }
  }

  disconnectedCallback() {
    if (!this.#handle) return;
    // Moving the element keeps what was typed, and the template and language picked in it.
    const { template, lang, values } = this.#handle.getState();
    this.#values = values;
    this.#picked = { template, lang };
    this.#handle.unmount();
    this.#handle = null;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    // Set while the element is out of the page: it wins over what was picked before.
    delete this.#picked[name];
    if (!this.#handle || value === null) return;
    try {
      if (name === 'lang') this.#handle.setLang(value);
      else if (!this.#template) this.#handle.setTemplate(value);
    } catch (err) {
      console.error(err);
    }
  }

  /** The values as typed, by blank id (plain JSON). */
  get values() {
    return this.#handle ? this.#handle.getValues() : this.#values;
  }
  set values(values) {
    if (this.#handle) this.#handle.setValues(values);
    else this.#values = values;
  }

  /** The template id, values and results now: the same JSON as the `contract-change` event. */
  get results() {
    return this.#handle?.getResults();
  }

  /** A template document (object or JSON text) instead of the `template` attribute. */
  get template() {
    return this.#template ?? this.getAttribute('template');
  }
  set template(doc) {
    this.#template = doc;
    delete this.#picked.template;
    if (this.#handle) this.#handle.setTemplate(doc);
  }

  /** Extra years of holiday data (holiday-cn format), used from the next mount. */
  get holidays() {
    return this.#holidays;
  }
  set holidays(data) {
    this.#holidays = data;
  }
}

if (!customElements.get('contract-calculator')) {
  customElements.define('contract-calculator', ContractCalculator);
}
