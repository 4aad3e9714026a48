/**
 * The ingest view of the workbench, `#/ingest` (and `#/ingest?job=ID` while a job runs): paste
 * page, feed or sitemap URLs, or choose saved pages to upload; the server answers at once with
 * a job (`POST /api/ingest`), and the view follows it (`GET /api/jobs/{id}`) with a progress
 * bar, the counts so far, and one line per page linking to what was stored.
 *
 * Writes need the operator's token: typed here (or handed over by `marsad start` in the
 * address's fragment, which never reaches a server) and kept in memory only, shared with the
 * entity page's corrections. Like the rest of the workbench it inserts every value as text.
 */

/** How often a running job is asked for its progress. */
const POLL_MS = 600;
/** As the API's limits (src/api/routes/ingest.ts): checked here first to say so before sending. */
const MAX_URLS = 100;
const MAX_FILES = 50;
const STATUS_ICON = { new: '✓', updated: '↻', unchanged: '=', skipped: '–', failed: '✗' };
const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** The lines of the URL box that are not http(s) URLs, with their line numbers. */
export function badUrlLines(lines) {
  const bad = [];
  lines.forEach((line, i) => {
    if (!/^https?:\/\/[^\s/]+\S*$/i.test(line)) bad.push({ line: i + 1, text: line });
  });
  return bad;
}

/**
 * Renders the ingest view into `root`; `kit` is the workbench's helpers (h, t, api, …),
 * `ctx.onMount` runs once the view is on screen and `ctx.current()` says it still is.
 * @example await ingestView(content, new URLSearchParams('job=j1'), ctx, kit)
 */
export async function ingestView(root, params, ctx, kit) {
  const { h, t, problemBox } = kit;
  const jobId = params.get('job');

  const token = h('input', {
    type: 'password',
    name: 'token',
    value: kit.getToken(),
    autocomplete: 'off',
    dir: 'ltr',
    required: true,
    oninput: () => kit.setToken(token.value),
  });
  const anyLanguage = h('input', { type: 'checkbox', name: 'any_language' });
  const outcome = h('div', { class: 'ingest-outcome', 'aria-live': 'polite' });

  const urls = h('textarea', { name: 'urls', rows: 5, dir: 'ltr', placeholder: 'https://…', required: true });
  const urlForm = h(
    'form',
    {
      class: 'ingest-form',
      dataset: { form: 'urls' },
      onsubmit: async (ev) => {
        ev.preventDefault();
        const lines = urls.value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
        const bad = badUrlLines(lines);
        if (!lines.length || bad.length || lines.length > MAX_URLS) {
          const detail = !lines.length
            ? t('ingest.no_urls')
            : bad.length
              ? t('ingest.bad_urls', { lines: bad.map((b) => b.line).join('، ') })
              : t('ingest.too_many_urls', { n: lines.length, max: MAX_URLS });
          outcome.replaceChildren(problemBox({ message: detail }, t('ingest.refused')));
          return;
        }
        if (!token.reportValidity()) return;
        await submit(JSON.stringify({ urls: lines, any_language: anyLanguage.checked || undefined }), { 'content-type': 'application/json' });
      },
    },
    h('label', { class: 'ingest-label' }, t('ingest.urls'), h('span', { class: 'hint' }, t('ingest.urls_help')), urls),
    h('button', { type: 'submit' }, t('ingest.fetch')),
  );

  const files = h('input', { type: 'file', name: 'file', multiple: true, accept: '.html,.htm,.xhtml,.txt,.xml,.rss,.atom,text/html,text/plain,application/xml' });
  const fileForm = h(
    'form',
    {
      class: 'ingest-form',
      dataset: { form: 'files' },
      onsubmit: async (ev) => {
        ev.preventDefault();
        const chosen = [...(files.files ?? [])];
        if (!chosen.length || chosen.length > MAX_FILES) {
          const detail = chosen.length ? t('ingest.too_many_files', { n: chosen.length, max: MAX_FILES }) : t('ingest.no_files');
          outcome.replaceChildren(problemBox({ message: detail }, t('ingest.refused')));
          return;
        }
        if (!token.reportValidity()) return;
        const body = new FormData();
        for (const f of chosen) body.append('file', f, f.name);
        if (anyLanguage.checked) body.append('any_language', 'true');
        await submit(body, {});
      },
    },
    h('label', { class: 'ingest-label' }, t('ingest.files'), h('span', { class: 'hint' }, t('ingest.files_help')), files),
    h('button', { type: 'submit' }, t('ingest.upload')),
  );

  async function submit(body, headers) {
    outcome.replaceChildren(h('p', { class: 'loading' }, t('ingest.sending')));
    try {
      const job = await kit.api('/api/ingest', { method: 'POST', body, headers: { ...headers, authorization: `Bearer ${token.value.trim()}` } });
      // the job's address in the hash: a reload keeps following it
      location.hash = `#/ingest?job=${encodeURIComponent(job.id)}`;
    } catch (err) {
      outcome.replaceChildren(problemBox(err, t('ingest.refused')));
    }
  }

  root.append(
    h('h1', {}, t('ingest.title')),
    h('p', { class: 'tagline' }, t('ingest.help')),
    h('div', { class: 'credentials' }, h('label', {}, t('correct.token'), ' ', token), h('label', {}, anyLanguage, ' ', t('ingest.any_language'))),
    h('div', { class: 'ingest-forms' }, urlForm, fileForm),
    outcome,
  );

  if (jobId) {
    const panel = h('section', { class: 'job', dataset: { job: jobId } }, h('p', { class: 'loading' }, t('common.loading')));
    root.append(panel);
    // The first state is drawn before the view is shown; later ones while it stays on screen.
    let job = await kit.api(`/api/jobs/${encodeURIComponent(jobId)}`);
    drawJob(panel, job, kit);
    ctx.onMount(async () => {
      while (!FINISHED.has(job.status) && ctx.current()) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (!ctx.current()) return;
        try {
          job = await kit.api(`/api/jobs/${encodeURIComponent(jobId)}`);
        } catch (err) {
          panel.replaceChildren(problemBox(err));
          return;
        }
        drawJob(panel, job, kit);
      }
    });
  }
  return t('ingest.title');
}

/** The job's state: status, a progress bar, the counts, one line per page. */
function drawJob(panel, job, kit) {
  const { h, t, bdi, ltr } = kit;
  const finished = FINISHED.has(job.status);
  const total = Math.max(job.discovered, job.processed);
  const bar = h('progress', { max: String(Math.max(total, 1)), value: String(job.processed), 'aria-label': t('ingest.progress') });
  if (!finished && total === 0) bar.removeAttribute('value'); // still reading the feed: indeterminate
  const counts = ['new', 'updated', 'unchanged', 'skipped', 'failed'].filter((k) => job.counts[k] > 0);
  panel.dataset.status = job.status;
  // replaceChildren would write a null as the text "null": the absent parts are dropped first
  const parts = [
    h('h2', {}, t('ingest.job'), ' ', ltr(job.id)),
    h('p', { class: `job-status job-${job.status}`, dataset: { status: job.status } }, t(`ingest.status.${job.status}`), ' · ', t('ingest.processed', { done: job.processed, total })),
    bar,
    counts.length ? h('ul', { class: 'job-counts' }, counts.map((k) => h('li', { dataset: { count: k } }, t(`ingest.count.${k}`, { n: job.counts[k] })))) : null,
    job.error ? h('div', { class: 'problem', role: 'alert' }, bdi(job.error)) : null,
    job.results.length
      ? h(
          'ol',
          { class: 'job-results' },
          job.results.map((r) =>
            h(
              'li',
              { class: `result result-${r.status}`, dataset: { status: r.status } },
              h('span', { class: 'result-icon', title: t(`ingest.count.${r.status}`, { n: '' }).trim() }, STATUS_ICON[r.status] ?? '?'),
              ' ',
              r.id ? h('a', { href: `#/article/${encodeURIComponent(r.id)}` }, bdi(r.title || r.id)) : bdi(r.title || ''),
              ' ',
              h('span', { class: 'result-source' }, ltr(r.source)),
              // the API's reasons are English sentences: laid out left to right as one block
              r.reason ? h('div', { class: 'result-reason', dir: 'auto' }, r.code ? `${r.code}: ${r.reason}` : r.reason) : null,
            ),
          ),
        )
      : null,
  ];
  panel.replaceChildren(...parts.filter(Boolean));
}
