// The widgets' stylesheet, adopted by each Shadow DOM (nothing leaks to or from the page).

let sheet = null;
export function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

const CSS = `
:host { all: initial; display: block; }
.eqc { font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  color: #1b1b1b; background: #fff; border: 1px solid #8a8a8a; border-radius: 6px;
  padding: 1rem; max-inline-size: 48rem; box-sizing: border-box; text-align: start; }
.eqc *, .eqc *::before, .eqc *::after { box-sizing: inherit; }
.bar { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; justify-content: space-between;
  margin-block-end: .75rem; }
.bar p { margin: 0; font-size: .875rem; color: #3d3d3d; flex: 1 1 12rem; }
h2 { font-size: 1.375rem; margin: 0 0 .5rem; }
h3 { font-size: 1.125rem; margin: 0 0 .25rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 .25rem; }
button, select { font: inherit; min-block-size: 2.75rem; padding: .375rem .75rem; border-radius: 4px; }
button { cursor: pointer; border: 2px solid #1b3a6b; background: #fff; color: #1b3a6b; }
button:hover { background: #e8eef8; }
button.exit { background: #a4001d; border-color: #a4001d; color: #fff; font-weight: 700; }
button.exit:hover { background: #7c0016; }
button.link { border: 0; padding-inline: 0; text-decoration: underline; background: none; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
select { border: 2px solid #555; background: #fff; color: #1b1b1b; }
label { display: block; font-weight: 600; }
form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin-block-end: .75rem; }
.note, .status { font-size: .875rem; color: #3d3d3d; }
ul.items { list-style: none; margin: 0; padding: 0; }
ul.items > li { border-block-start: 1px solid #c4c4c4; padding-block: .75rem; }
.badge { display: inline-block; font-size: .875rem; padding: 0 .5rem; border-radius: 999px;
  background: #e4f1e7; color: #14522a; }
.badge.closed { background: #f1f1f1; color: #3d3d3d; }
.warning { border-inline-start: 6px solid #a45a00; background: #fff6e5; padding: .75rem 1rem; }
aside.callout { border-inline-start: 4px solid #1b3a6b; background: #f0f4fa; padding: .5rem 1rem; }
a { color: #1b3a6b; }
dl { margin: 0; } dt { font-weight: 600; } dd { margin: 0 0 .25rem; }
p { margin: .25rem 0; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-block: .75rem; }
`;
