// prescribe.js: the trainer's prescription form. Beside each dose field the page says
// the client's dose now and the usual range for the exercise chosen; when another
// exercise is chosen, this puts that one's in their place (each choice carries its own
// in data attributes; without the script the page shows the first or posted one's).

const item = document.querySelector('select#item');
if (item) {
	const fields = ['reps', 'sets', 'hold', 'duration'];
	const show = () => {
		const chosen = item.selectedOptions[0];
		if (!chosen) return;
		for (const f of fields) {
			const hint = document.getElementById(`${f}-hint`);
			if (hint && chosen.dataset[f] !== undefined) hint.textContent = chosen.dataset[f];
		}
	};
	item.addEventListener('change', show);
}
