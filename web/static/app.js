// app.js: what scripts add to the server-rendered pages. Every page works without it.
// (api.js, the helper for calls to the JSON API, is for the pages that change data.)

// On a phone the navigation is a row that scrolls sideways: show the current page.
const current = document.querySelector('.top nav [aria-current="page"]');
const row = current?.closest('ul');
if (row && row.scrollWidth > row.clientWidth) {
	current.scrollIntoView({ block: 'nearest', inline: 'center', behavior: 'instant' });
}

// After checking a file, move the focus to the result so it is read out first.
document.getElementById('result-panel')?.focus();
