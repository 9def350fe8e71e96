// screening.js: on a phone, the safety questions a group at a time (the content's groups,
// as the terminal asks them: "does any of these apply?"), with Back, Next and where you
// are ("3 of 14"); the last group has Save. The boxes are the form's, which is what is
// posted, so every answer is kept going back and forth; the form works the same without
// this script (the whole list), and on a wide screen it stays the whole list. Ticking a
// question whose yes alone is an emergency sends the form at once: the page then says
// what to do, as the terminal stops asking.

const form = document.querySelector('form.screen');
const items = form ? [...form.querySelectorAll('.questions > li')] : [];
const narrow = window.matchMedia('(max-width: 40rem)');

// The questions in runs of one group each, in the order shown.
const groups = [];
for (const li of items) {
	const last = groups[groups.length - 1];
	if (last && last[0].dataset.group === li.dataset.group) last.push(li);
	else groups.push([li]);
}

if (form && groups.length > 1 && narrow.matches) {
	const n = groups.length;
	const save = form.querySelector('.save');
	const saveButton = save.querySelector('button');
	form.classList.add('stepping');
	const legend = form.querySelector('legend');
	if (legend) legend.textContent = 'Does any of these apply to you now? Tick each one that does.';

	const progress = document.createElement('p');
	progress.className = 'step-progress';
	progress.setAttribute('aria-live', 'polite');
	progress.dataset.test = 'step-progress';
	const controls = document.createElement('div');
	controls.className = 'step-controls';
	const button = (label, cls) => {
		const b = document.createElement('button');
		b.type = 'button';
		b.textContent = label;
		b.className = cls;
		controls.append(b);
		return b;
	};
	const back = button('Back', 'button-quiet step-back');
	const next = button('Next', 'step-next');
	const list = form.querySelector('.questions');
	list.before(progress);
	save.before(controls);

	let at = 0;
	// Show group i; the focus moves to its first question so it is read out.
	const show = (i, focus) => {
		at = i;
		groups.forEach((g, k) => { for (const li of g) li.hidden = k !== i; });
		const last = i === n - 1;
		back.hidden = i === 0;
		next.hidden = last;
		save.hidden = !last;
		progress.textContent = `${i + 1} of ${n}`;
		if (focus) groups[i][0].querySelector('input').focus();
	};
	next.addEventListener('click', () => show(at + 1, true));
	back.addEventListener('click', () => show(at - 1, true));
	form.addEventListener('change', (e) => {
		if (e.target.checked && e.target.hasAttribute('data-emergency'))
			form.requestSubmit(saveButton); // an emergency: stop here, the page says what to do
	});
	show(0, false);
}
