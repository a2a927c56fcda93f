// The movierec web page: plain DOM and fetch against the serving API, no framework and no build step.
// Every text from the server is put in as text (textContent), never parsed as HTML. A refused request shows the
// problem detail's `detail`.

const SESSION_KEY = 'movierec.session';
const HALF_STEPS = [5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5];
/** Sent with every call so that a 401 brings no browser login dialog (the server then leaves out its Basic challenge). */
const XHR = 'XMLHttpRequest';
const PLATFORM_NAMES = {amazon: 'Amazon Prime', disney: 'Disney+', hulu: 'Hulu', netflix: 'Netflix'};

/** The catalog insight questions: the endpoint under /api/insights/ and its parameters. */
const INSIGHTS = [
  {path: 'catalog/types', label: 'Movies and series per platform', fields: [
    {name: 'platform', label: 'Platform', options: ['', 'amazon', 'disney', 'hulu', 'netflix']}]},
  {path: 'catalog/longest', label: 'Longest title of a platform', fields: [
    {name: 'durationType', label: 'Measured in', options: ['min', 'season']},
    {name: 'platform', label: 'Platform', options: ['', 'amazon', 'disney', 'hulu', 'netflix']},
    {name: 'year', label: 'Release year', type: 'number'}]},
  {path: 'catalog/scored', label: 'Titles of a year rated above a score', fields: [
    {name: 'platform', label: 'Platform', options: ['amazon', 'disney', 'hulu', 'netflix']},
    {name: 'year', label: 'Release year', type: 'number', required: true},
    {name: 'score', label: 'Mean rating above', type: 'number', step: '0.1', min: '0', max: '5', required: true},
    {name: 'source', label: 'Ratings of', options: ['catalog', 'movielens']}]},
  {path: 'catalog/top-cast-member', label: 'Most frequent cast member of a platform and year', fields: [
    {name: 'platform', label: 'Platform', options: ['amazon', 'disney', 'hulu', 'netflix']},
    {name: 'year', label: 'Release year', type: 'number', required: true}]},
  {path: 'tmdb/releases', label: 'Films released in a month or on a weekday', fields: [
    {name: 'month', label: 'Month (e.g. December or diciembre)'},
    {name: 'weekday', label: 'Weekday (e.g. Wednesday or miércoles)'}]},
  {path: 'tmdb/titles/popularity', label: 'TMDB popularity of a title', fields: [
    {name: 'title', label: 'Title', required: true}, {name: 'year', label: 'Year', type: 'number'}]},
  {path: 'tmdb/titles/votes', label: 'TMDB votes of a title', fields: [
    {name: 'title', label: 'Title', required: true}, {name: 'year', label: 'Year', type: 'number'}]},
  {path: 'tmdb/actors', label: 'Films and return of an actor', fields: [
    {name: 'name', label: 'Name', required: true}]},
  {path: 'tmdb/directors', label: 'Return of a director’s films', fields: [
    {name: 'name', label: 'Name', required: true}]},
];

// ---- Session and authentication ---------------------------------------------------------------

let session = readSession();

function readSession() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

function saveSession(value) {
  session = value;
  if (value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  } else {
    sessionStorage.removeItem(SESSION_KEY);
  }
  showSession();
}

function basic(email, password) {
  const bytes = new TextEncoder().encode(`${email}:${password}`);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

/** The Authorization header of the signed-in user's calls: the one place that knows how requests are signed. */
function authorization() {
  return session ? `Bearer ${session.token}` : null;
}

/** Signs in: trades the e-mail and password (HTTP Basic) for a bearer token, kept in sessionStorage. */
async function signIn(email, password) {
  const reply = await fetch('/api/auth/token', {method: 'POST',
    headers: {Authorization: basic(email, password), 'X-Requested-With': XHR}});
  if (!reply.ok) {
    throw new Error(await problemText(reply));
  }
  const token = await reply.json();
  return {userId: token.userId, email, token: token.accessToken, expiresAt: Date.now() + token.expiresIn * 1000};
}

// ---- API calls ---------------------------------------------------------------------------------

/** The text a refused request shows: the problem detail's `detail`, else the status. */
async function problemText(reply) {
  try {
    const problem = await reply.json();
    if (problem && problem.detail) {
      return problem.detail;
    }
  } catch {
    // not JSON
  }
  return `The server answered ${reply.status} ${reply.statusText}`.trim();
}

class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

/** Calls the API; JSON in and out; a refusal throws an ApiError carrying the problem detail. */
async function api(path, {method = 'GET', body, signed = false} = {}) {
  const headers = {Accept: 'application/json, application/problem+json', 'X-Requested-With': XHR};
  if (signed) {
    if (session && session.expiresAt < Date.now()) {
      saveSession(null);
      throw new ApiError(401, 'Your session has expired: sign in again.');
    }
    if (!session) {
      throw new ApiError(401, 'Sign in first.');
    }
    headers.Authorization = authorization();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const reply = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  if (reply.status === 204) {
    return null;
  }
  const text = await reply.text();
  const json = text ? JSON.parse(text) : null;
  if (!reply.ok) {
    const detail = json && json.detail ? json.detail : `The server answered ${reply.status}`;
    if (reply.status === 401 && signed) {
      saveSession(null);
      show($('account-status'), error(`Signed out: ${detail}`));
    }
    throw new ApiError(reply.status, detail, json);
  }
  return json;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') {
      search.set(name, String(value).trim());
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ---- DOM helpers -------------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

/** Creates an element with attributes and children (strings become text nodes). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') {
      node.className = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (value !== false && value !== null && value !== undefined) {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function show(target, ...nodes) {
  target.replaceChildren(...nodes);
}

function error(message) {
  return el('p', {class: 'error', role: 'alert'}, message);
}

function busy(target, message) {
  target.setAttribute('aria-busy', 'true');
  show(target, el('p', {class: 'hint'}, message));
}

/** Runs an action for a results region: shows progress, then the result or the error. */
async function into(target, message, action) {
  busy(target, message);
  try {
    const nodes = await action();
    show(target, ...[nodes].flat());
  } catch (e) {
    show(target, error(e.message));
  } finally {
    target.removeAttribute('aria-busy');
  }
}

function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    values[name] = values[name] === undefined ? value : [values[name], value].flat();
  }
  return values;
}

function titleOf(movie) {
  return movie.year ? `${movie.title} (${movie.year})` : movie.title;
}

function ratingFacts(movie) {
  if (!movie.ratings) {
    return 'no ratings yet';
  }
  return `${movie.ratings} rating${movie.ratings === 1 ? '' : 's'}, mean ${movie.meanRating.toFixed(2)}`;
}

function platforms(list) {
  return (list || []).map((p) => PLATFORM_NAMES[p] || p).join(', ');
}

// ---- Movies: a card with facts, rating and similar titles ------------------------------------

let nextId = 0;

/** One movie as a list item: title, facts, a rating control (signed in) and a "Similar titles" button. */
function movieCard(movie, facts) {
  const id = `movie-${movie.movieId}-${nextId++}`;
  const details = [
    movie.genres && movie.genres.length ? movie.genres.join(', ') : null,
    movie.platforms && movie.platforms.length ? `on ${platforms(movie.platforms)}` : null,
    ...facts,
  ].filter(Boolean);
  return el('li', {class: 'movie', 'data-movie-id': movie.movieId},
    el('h3', {id}, titleOf(movie)),
    details.length ? el('p', {class: 'facts'}, details.join(' · ')) : null,
    el('div', {class: 'movie-actions'}, rateControl(movie, id),
      el('button', {type: 'button', class: 'secondary', 'aria-describedby': id,
        onclick: () => similar(`/api/movies/${movie.movieId}/similar?n=5`)}, 'Similar titles')));
}

function rateControl(movie, titleId) {
  if (!session) {
    return null;
  }
  const selectId = `${titleId}-rating`;
  const select = el('select', {id: selectId, name: 'rating'},
    HALF_STEPS.map((value) => el('option', {value}, `${value.toFixed(1)} ★`)));
  const mine = myRatings.get(movie.movieId);
  select.value = String(mine ?? 4);
  const status = el('span', {class: 'rate-status', 'aria-live': 'polite'}, mine ? `You rated ${mine.toFixed(1)}` : '');
  const form = el('form', {class: 'rate', 'aria-labelledby': titleId},
    el('label', {for: selectId}, 'Your rating', el('span', {class: 'visually-hidden'}, ` of ${titleOf(movie)}`)),
    select, el('button', {type: 'submit', 'aria-describedby': titleId}, 'Rate'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.className = 'rate-status';
    status.textContent = 'Saving…';
    try {
      await rate(movie.movieId, Number(select.value));
      status.textContent = `Rated ${Number(select.value).toFixed(1)}`;
      await Promise.all([loadMyRatings(), refreshRecommendations()]);
    } catch (e) {
      status.textContent = e.message;
      status.className = 'rate-status error';
    }
  });
  return form;
}

/** Rates a movie: POST for a first rating, PUT when the user has rated it already (409). */
async function rate(movieId, rating) {
  const base = `/api/users/${session.userId}/ratings`;
  try {
    await api(base, {method: 'POST', body: {movieId, rating}, signed: true});
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) {
      throw e;
    }
    await api(`${base}/${movieId}`, {method: 'PUT', body: {rating}, signed: true});
  }
}

// ---- Account -----------------------------------------------------------------------------------

function showSession() {
  $('who').textContent = session ? `Signed in as ${session.email}` : 'Not signed in';
  $('signed-out').hidden = Boolean(session);
  $('signed-in').hidden = !session;
  for (const form of document.querySelectorAll('form.rate')) {
    form.hidden = !session;
  }
}

/** The signed-in user's latest 100 ratings by movie id, to show them in the movie cards. */
const myRatings = new Map();

async function loadMyRatings() {
  if (!session) {
    return;
  }
  await into($('my-ratings'), 'Loading your ratings…', async () => {
    const page = await api(`/api/users/${session.userId}/ratings?size=100&sort=ratedAt,desc`, {signed: true});
    myRatings.clear();
    page.content.forEach((r) => myRatings.set(r.movieId, r.rating));
    if (!page.content.length) {
      return el('p', {class: 'hint'}, 'No ratings yet: search for titles you know and rate them.');
    }
    return el('ul', {class: 'my-ratings'}, page.content.map((r) =>
      el('li', {}, `${titleOf(r)}: ${r.rating.toFixed(1)} ★`)));
  });
}

function setUpAccount() {
  $('sign-up-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const {name, email, password} = formValues(event.target);
    await into($('account-status'), 'Signing up…', async () => {
      const user = await api('/api/users', {method: 'POST', body: {name, email, password}});
      saveSession(await signIn(email, password));
      event.target.reset();
      afterSignIn();
      return el('p', {}, `Welcome, ${user.name}. Rate a few titles to get your own recommendations.`);
    });
  });
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const {email, password} = formValues(event.target);
    await into($('account-status'), 'Signing in…', async () => {
      saveSession(await signIn(email, password));
      event.target.reset();
      afterSignIn();
      return el('p', {}, `Signed in as ${email}.`);
    });
  });
  $('sign-out').addEventListener('click', async () => {
    if (session) {
      // ends the token on the server too (every token of the account); signed out here whatever the answer
      await fetch('/api/auth/logout', {method: 'POST',
        headers: {Authorization: authorization(), 'X-Requested-With': XHR}}).catch(() => null);
    }
    saveSession(null);
    myRatings.clear();
    recommendationsShown = false;
    show($('account-status'), el('p', {}, 'Signed out.'));
    show($('recommendations-results'), el('p', {class: 'hint'}, 'Sign in to see your recommendations.'));
    $('sign-in-email').focus();
  });
}

async function afterSignIn() {
  await loadMyRatings();
  await Promise.all([refreshRecommendations(true), rerunSearch()]);
}

// ---- Search ------------------------------------------------------------------------------------

let lastSearch = null;

async function search(params, page) {
  lastSearch = {params, page};
  const target = $('search-results');
  await into(target, 'Searching…', async () => {
    const result = await api(`/api/movies${query({...params, page, size: 10})}`);
    if (!result.content.length) {
      return el('p', {}, 'No movie matches.');
    }
    const first = result.page * result.size + 1;
    const summary = el('p', {class: 'summary'},
      `${result.totalElements} movies; ${first} to ${first + result.content.length - 1} shown.`);
    const list = el('ol', {class: 'movies', start: first}, result.content.map((movie) => movieCard(movie, [
      ratingFacts(movie)])));
    const pager = el('nav', {class: 'pager', 'aria-label': 'Search result pages'},
      el('button', {type: 'button', class: 'secondary', disabled: result.page === 0,
        onclick: () => search(params, result.page - 1)}, 'Previous page'),
      el('button', {type: 'button', class: 'secondary', disabled: result.page + 1 >= result.totalPages,
        onclick: () => search(params, result.page + 1)}, 'Next page'));
    return [summary, list, pager];
  });
}

async function rerunSearch() {
  if (lastSearch) {
    await search(lastSearch.params, lastSearch.page);
  }
}

function setUpSearch() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search(formValues(event.target), 0);
  });
}

// ---- Recommendations ---------------------------------------------------------------------------

let recommendationsShown = false;

function why(result) {
  if (result.strategy === 'model') {
    return `Why these: the model ${result.modelName} version ${result.modelVersion} scored your current ratings.`;
  }
  if (result.strategy === 'similarity') {
    return 'Why these: the most similar titles, because you have no ratings yet or no model is loaded.';
  }
  return 'Why these: the best rated movies overall (cold start), because you have no ratings yet'
    + ' or no model is loaded.';
}

async function recommend() {
  const target = $('recommendations-results');
  const values = formValues($('recommendations-form'));
  const platform = [values.platform || []].flat().join(',');
  await into(target, 'Loading your recommendations…', async () => {
    const result = await api(`/api/users/${session.userId}/recommendations${query({...values, platform})}`,
      {signed: true});
    recommendationsShown = true;
    const explanation = el('p', {class: 'why', 'data-strategy': result.strategy}, why(result));
    if (!result.items.length) {
      return [explanation, el('p', {}, 'No movie meets these filters.')];
    }
    const shown = [explanation, el('ol', {class: 'movies'}, result.items.map((item) => movieCard(item,
      [item.fallback ? `best rated overall, ${item.score.toFixed(2)} (the model cannot score it)`
        : `score ${item.score.toFixed(2)}`])))];
    if (result.items.length < result.requested) {
      shown.push(el('p', {}, `Only ${result.items.length} of the ${result.requested} asked for meet these filters.`));
    }
    return shown;
  });
}

async function refreshRecommendations(force = false) {
  if (session && (recommendationsShown || force)) {
    await recommend();
  }
}

function setUpRecommendations() {
  $('recommendations-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!session) {
      show($('recommendations-results'), error('Sign in first.'));
      return;
    }
    recommend();
  });
}

// ---- Similar titles ----------------------------------------------------------------------------

function similarList(title, items, note) {
  const heading = el('h3', {}, title);
  if (items === null || items === undefined) {
    return [heading, el('p', {class: 'hint'}, note)];
  }
  if (!items.length) {
    return [heading, el('p', {class: 'hint'}, 'No similar title: the model does not know this movie, or no other '
      + 'movie shares anything with it.')];
  }
  return [heading, el('ol', {class: 'movies compact'}, items.map((item) =>
    movieCard(item, [`similarity ${item.similarity.toFixed(2)}`])))];
}

/** The signed-in user's top titles among those most similar to a movie, ranked for them. */
async function forYouAmong(movie) {
  const box = el('div', {class: 'for-you'}, el('h3', {}, 'For you, among titles like this'));
  try {
    const result = await api(`/api/users/${session.userId}/recommendations${query({similarTo: movie.movieId, n: 5})}`,
      {signed: true});
    box.append(el('p', {class: 'why', 'data-strategy': result.strategy}, why(result)),
      result.items.length
        ? el('ol', {class: 'movies compact'}, result.items.map((item) => movieCard(item, [`score ${item.score.toFixed(2)}`])))
        : el('p', {class: 'hint'}, 'No similar title left that you have not rated.'));
  } catch (e) {
    box.append(error(e.message));
  }
  return box;
}

async function similar(path) {
  const target = $('similar-results');
  target.scrollIntoView({block: 'start'});
  await into(target, 'Looking for similar titles…', async () => {
    try {
      const result = await api(path);
      const source = result.modelName
        ? `From the model ${result.modelName} version ${result.modelVersion}.`
        : 'No model is loaded: there are no similar titles yet.';
      return [el('p', {class: 'summary'}, `Titles similar to ${titleOf(result.movie)}. ${source}`),
        session ? await forYouAmong(result.movie) : null,
        el('div', {class: 'columns'},
          el('div', {class: 'by-content'}, similarList('By content (genres, tags, people)', result.byContent,
            'The model served has no content index.')),
          el('div', {class: 'by-model'}, similarList('By the model’s taste vectors', result.byModel,
            'The model served has no item vectors.')))];
    } catch (e) {
      // several movies with the title (409): its candidates; none (404): the closest titles
      const movies = e instanceof ApiError && e.problem
        && (e.status === 409 ? e.problem.candidates : e.status === 404 ? e.problem.suggestions : null);
      if (movies && movies.length) {
        return [error(e.message), e.status === 404 ? el('p', {}, 'Did you mean:') : null,
          el('ul', {}, movies.map((c) => el('li', {},
            el('button', {type: 'button', class: 'link',
              onclick: () => similar(`/api/movies/${c.movieId}/similar?n=5`)}, titleOf(c)))))];
      }
      throw e;
    }
  });
  target.focus({preventScroll: true});
}

function setUpSimilar() {
  $('similar-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const {title, year} = formValues(event.target);
    similar(`/api/movies/similar${query({title, year, n: 5})}`);
  });
}

// ---- Insights ----------------------------------------------------------------------------------

function insightField(field) {
  const id = `insight-${field.name}`;
  const control = field.options
    ? el('select', {id, name: field.name, required: field.required},
      field.options.map((o) => el('option', {value: o}, o === '' ? 'any' : (PLATFORM_NAMES[o] || o))))
    : el('input', {id, name: field.name, type: field.type || 'text', required: field.required,
      step: field.step, min: field.min, max: field.max, maxlength: field.type ? null : '200',
      inputmode: field.type === 'number' ? 'decimal' : null});
  return el('p', {}, el('label', {for: id}, field.label), control);
}

/** Any JSON answer as nested lists: objects as term/value pairs, arrays as lists. */
function renderValue(value) {
  if (Array.isArray(value)) {
    return value.length ? el('ol', {}, value.map((v) => el('li', {}, renderValue(v)))) : '(none)';
  }
  if (value && typeof value === 'object') {
    return el('dl', {}, Object.entries(value).flatMap(([key, v]) => [el('dt', {}, key), el('dd', {}, renderValue(v))]));
  }
  return value === null ? '—' : String(value);
}

function setUpInsights() {
  const select = $('insight-question');
  INSIGHTS.forEach((insight, index) => select.append(el('option', {value: index}, insight.label)));
  const showFields = () => show($('insight-fields'), ...INSIGHTS[select.value].fields.map(insightField));
  select.addEventListener('change', showFields);
  showFields();
  $('insights-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const {question, ...params} = formValues(event.target);
    const insight = INSIGHTS[question];
    await into($('insights-results'), 'Asking…', async () => {
      try {
        return [el('h3', {}, insight.label), renderValue(await api(`/api/insights/${insight.path}${query(params)}`))];
      } catch (e) {
        const suggestions = e.problem && e.problem.suggestions;
        return suggestions && suggestions.length
          ? [error(e.message), el('p', {}, `Did you mean: ${suggestions.join(', ')}?`)]
          : error(e.message);
      }
    });
  });
}

// ---- Model served ------------------------------------------------------------------------------

async function showModel() {
  try {
    const model = await api('/api/model');
    const ranker = model.loaded
      ? `Recommendations: ${model.name} version ${model.version} (${model.type}).`
      : 'Recommendations: no ranker is loaded, so they are the cold-start ranking.';
    const predictor = model.predictor && model.predictor.loaded
      ? `Predicted ratings: version ${model.predictor.version} (${model.predictor.type}).`
      : 'Predicted ratings: no rating predictor is loaded.';
    const served = $('model-served');
    served.textContent = `${ranker} ${predictor}`;
    if (model.loaded && model.mlflowRunUrl) {
      const link = document.createElement('a');
      link.href = model.mlflowRunUrl;
      link.textContent = 'Its training run in MLflow';
      served.append(' ', link, '.');
    }
  } catch (e) {
    $('model-served').textContent = `Model served: unknown (${e.message})`;
  }
}

setUpAccount();
setUpSearch();
setUpRecommendations();
setUpSimilar();
setUpInsights();
showSession();
showModel();
if (session) {
  afterSignIn();
}
