// screening.js: on a phone, the safety questions one at a time: the question, Yes and No,
// Back, and where you are ("3 of 9"). Each answer goes into the question's box in the
// form, which is what is posted, so every answer is kept going back and forth; the form
// works the same without this script (the whole list of boxes), and on a wide screen it
// stays the whole list. A yes to a question whose answer alone is an emergency sends the
// form at once: the page then says what to do, as the terminal stops asking.

const form = document.querySelector('form.screen');
const items = form ? [...form.querySelectorAll('.questions > li')] : [];
const narrow = window.matchMedia('(max-width: 40rem)');

if (form && items.length > 1 && narrow.matches) {
	const n = items.length;
	const box = (i) => items[i].querySelector('input[type="checkbox"]');
	const save = form.querySelector('.save');
	const saveButton = save.querySelector('button');
	form.classList.add('stepping');
	const legend = form.querySelector('legend');
	if (legend) legend.textContent = 'Does this apply to you now?';

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
		if (cls) b.className = cls;
		controls.append(b);
		return b;
	};
	const yes = button('Yes');
	const no = button('No');
	const back = button('Back', 'button-quiet step-back');
	const list = form.querySelector('.questions');
	list.before(progress);
	list.after(controls);
	const done = document.createElement('p');
	done.className = 'step-done';
	done.textContent = 'That was the last question. Save your answers, or go back to change one.';
	save.before(done);

	let at = 0;
	// Show question i (n: the end, with Save); focus moves to the question so it is read out.
	const show = (i, focus) => {
		at = i;
		items.forEach((li, k) => { li.hidden = k !== i; });
		const end = i >= n;
		yes.hidden = no.hidden = end;
		back.hidden = i === 0;
		done.hidden = save.hidden = !end;
		progress.textContent = end ? `All ${n} answered` : `${i + 1} of ${n}`;
		if (!end) {
			const answered = items[i].dataset.answered === 'true';
			yes.setAttribute('aria-pressed', String(answered && box(i).checked));
			no.setAttribute('aria-pressed', String(answered && !box(i).checked));
		}
		if (focus) {
			const target = end ? saveButton : items[i].querySelector('span');
			target.tabIndex = end ? 0 : -1;
			target.focus();
		}
	};
	const answer = (value) => {
		const b = box(at);
		b.checked = value;
		items[at].dataset.answered = 'true';
		if (value && b.hasAttribute('data-emergency')) {
			form.requestSubmit(saveButton); // an emergency: stop here, the page says what to do
			return;
		}
		show(at + 1, true);
	};
	yes.addEventListener('click', () => answer(true));
	no.addEventListener('click', () => answer(false));
	back.addEventListener('click', () => show(Math.max(0, at - 1), true));
	show(0, false);
}
