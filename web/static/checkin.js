// checkin.js: the body map of the Check-in page. Tapping (or Enter/Space on) a place on
// the outline opens a 0-10 scale for it; the choice goes into that place's select in the
// form, which is what is posted (the form works the same without this script).

const form = document.querySelector('form.checkin');
const figures = form?.querySelector('.figures');
const picker = form?.querySelector('.picker');

if (form && figures && picker) {
	const question = picker.querySelector('.picker-q');
	const select = (region) => form.querySelector(`select[data-region="${region}"]`);
	const shapes = (region) => figures.querySelectorAll(`.region[data-region="${region}"]`);
	let current = null;

	// Colour the places by their score and say it in their names.
	const paint = (region) => {
		const s = select(region);
		const v = s.value;
		const level = v === '' ? 'none' : Number(v) === 0 ? 'zero' : Number(v) <= 3 ? 'low' : Number(v) <= 6 ? 'mid' : 'high';
		const name = s.labels[0]?.textContent ?? region;
		for (const shape of shapes(region)) {
			shape.dataset.level = level;
			shape.setAttribute('aria-label', v === '' ? name : `${name}: ${v} of 10`);
			shape.setAttribute('aria-pressed', String(region === current));
		}
	};
	const regions = [...form.querySelectorAll('select[data-region]')].map((s) => s.dataset.region);

	const open = (region, from) => {
		current = region;
		const name = select(region).labels[0]?.textContent ?? region;
		question.textContent = `${name}: how much does it hurt, 0 none to 10 the worst?`;
		picker.hidden = false;
		picker.dataset.region = region;
		for (const r of regions) paint(r);
		const v = select(region).value;
		const chosen = [...picker.querySelectorAll('button')].find((b) => b.value === v && v !== '');
		(chosen ?? picker.querySelector('button'))?.focus({ preventScroll: !from });
	};

	for (const shape of figures.querySelectorAll('.region')) {
		shape.addEventListener('click', () => open(shape.dataset.region, shape));
		shape.addEventListener('keydown', (e) => {
			if (e.key === 'Enter' || e.key === ' ') {
				e.preventDefault();
				open(shape.dataset.region, shape);
			}
		});
	}
	picker.addEventListener('click', (e) => {
		const b = e.target.closest('button');
		if (!b || !current) return;
		select(current).value = b.value;
		const back = figures.querySelector(`.region[data-region="${current}"]`);
		current = null;
		picker.hidden = true;
		for (const r of regions) paint(r);
		back?.focus();
	});
	for (const r of regions) select(r).addEventListener('change', () => paint(r));
	for (const r of regions) paint(r);
	figures.hidden = false;
	form.querySelector('.map-help').hidden = false;
}
