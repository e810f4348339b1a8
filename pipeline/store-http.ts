// Store HTTP: one request to a SPARQL store (a Graph Store PUT or a SPARQL Update POST), answering one
// auth challenge (Digest, or Basic only over https unless allowed), retrying 5xx and network errors,
// and reading at most a capped part of any answer. Credentials never appear in a message.
import { setTimeout as sleep } from 'node:timers/promises';
import DigestClient from 'digest-fetch';
import got, { RequestError, TimeoutError } from 'got';
import { OntsluitError, errorAt } from './errors.js';
import { USER_AGENT, plural } from './lib/http.js';

export const STORE_USER_ENV = 'ONTSLUIT_STORE_USER';
export const STORE_PASSWORD_ENV = 'ONTSLUIT_STORE_PASSWORD';
/** Set to `1` to allow Basic credentials over plain http (the password then crosses the network readable). */
export const STORE_HTTP_BASIC_ENV = 'ONTSLUIT_STORE_ALLOW_HTTP_BASIC';

/** The most of an answer that is read (for the message); the rest is not downloaded. */
export const ANSWER_CAP = 64 * 1024;

const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'];

export interface Credentials {
  username: string;
  password: string;
  /** Answer a Basic challenge over plain http too. */
  allowBasicOverHttp: boolean;
}

export interface Settings {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  /** Bytes of an answer read at most. */
  answerCap: number;
}

/** One request: where, what, and the words for messages (`replace graph <g> in the store S`). */
export interface StoreCall {
  store: string;
  target: string;
  method: 'PUT' | 'POST';
  body: Buffer;
  contentType: string;
  task: string;
}

interface Answer {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  body: string;
  /** True when the answer was longer than the cap and the connection was closed. */
  cut: boolean;
}

/** A URL as it may be shown: user and password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = parsed.username ? '***' : '';
    parsed.password = parsed.password ? '***' : '';
    return parsed.href;
  } catch {
    return url.replace(/\/\/[^/@\s]*@/, '//***@');
  }
}

/** Sends one request and reads at most `cap` bytes of the answer; a longer answer is cut off and its connection closed. */
function sendOnce(call: StoreCall, headers: Record<string, string>, settings: Settings): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = got.stream(call.target, { method: call.method, body: call.body, headers, timeout: { request: settings.timeoutMs }, retry: { limit: 0 }, throwHttpErrors: false, followRedirect: false });
    const chunks: Buffer[] = [];
    let size = 0;
    let head: Omit<Answer, 'body' | 'cut'> | undefined;
    let settled = false;
    const finish = (cut: boolean) => {
      if (settled || !head) return;
      settled = true;
      resolve({ ...head, body: Buffer.concat(chunks).toString('utf8'), cut });
    };
    stream.on('response', (response: { statusCode: number; statusMessage?: string; rawHeaders: string[] }) => {
      head = { status: response.statusCode, statusMessage: response.statusMessage ?? '', rawHeaders: response.rawHeaders };
    });
    stream.on('data', (chunk: Buffer) => {
      if (size < settings.answerCap) chunks.push(chunk.subarray(0, settings.answerCap - size));
      size += chunk.length;
      if (size > settings.answerCap) {
        finish(true);
        stream.destroy();
      }
    });
    stream.on('end', () => finish(false));
    stream.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
  });
}

/** The challenge of a 401, from its WWW-Authenticate headers: Digest preferred over Basic. */
function challengeOf(rawHeaders: string[]): { scheme: 'Digest' | 'Basic'; header: string } | undefined {
  const values: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'www-authenticate') values.push(rawHeaders[i + 1]!);
  }
  const digest = values.map((v) => v.slice(Math.max(0, v.search(/\bDigest\s/i)))).find((v) => /^Digest\s/i.test(v));
  if (digest) return { scheme: 'Digest', header: digest };
  const basic = values.find((v) => /\bBasic\b/i.test(v));
  return basic ? { scheme: 'Basic', header: basic } : undefined;
}

/** The Authorization header that answers a challenge (RFC 7616 through digest-fetch, or RFC 7617). */
function authorization(challenge: { scheme: 'Digest' | 'Basic'; header: string }, call: StoreCall, credentials: Credentials): string {
  if (challenge.scheme === 'Basic') return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
  const algorithm = DigestClient.parse(challenge.header, 'algorithm') || 'MD5';
  const client = new DigestClient(credentials.username, credentials.password, { algorithm });
  client.parseAuth(challenge.header);
  const signed = client.addAuth(call.target, { method: call.method, headers: {} }) as { headers: { Authorization: string } };
  return signed.headers.Authorization;
}

/** `HTTP 400 Bad Request ("…")`, with the start of the answer, and no credential in it. */
function statusText(answer: Answer, credentials: Credentials | undefined, cap: number): string {
  let text = answer.body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (credentials) {
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
    for (const secret of [credentials.password, basic]) if (secret) text = text.split(secret).join('***');
  }
  const snippet = text ? ` (${JSON.stringify(text.length > 200 ? `${text.slice(0, 199)}…` : text)})` : '';
  return `HTTP ${answer.status}${answer.statusMessage ? ` ${answer.statusMessage}` : ''}${snippet}${answer.cut ? `; the answer was longer than ${cap} bytes and was not read further` : ''}`;
}

const storeError = (code: OntsluitError['code'], message: string, call: StoreCall, expected: string, found: string, cause?: unknown): OntsluitError => errorAt(code, message, call.store, expected, found, cause);

/** What a store request came to: the final 2xx status, and what each request sent got, in order (`401`, `201`, or a network error's code such as `ECONNRESET`). */
export interface StoreOutcome {
  status: number;
  requests: number;
  answers: string[];
}

/** Sends `call`, answering one challenge; retries 5xx and network errors (never a 4xx). Returns the final 2xx status. */
export async function storeRequest(call: StoreCall, credentials: Credentials | undefined, settings: Settings): Promise<StoreOutcome> {
  const answers: string[] = [];
  const send = async (auth?: string) => {
    const headers: Record<string, string> = { 'content-type': call.contentType, 'user-agent': USER_AGENT, accept: '*/*' };
    if (auth) headers.authorization = auth;
    try {
      const answer = await sendOnce(call, headers, settings);
      answers.push(String(answer.status));
      return answer;
    } catch (error) {
      answers.push((error as { code?: string }).code ?? (error as Error).name);
      throw error;
    }
  };
  for (let attempt = 1; ; attempt++) {
    const tries = plural(attempt, 'attempt');
    let answer: Answer;
    try {
      answer = await send();
      if (answer.status === 401) answer = await answerChallenge(answer, call, credentials, send);
    } catch (error) {
      if (error instanceof OntsluitError) throw error;
      const code = error instanceof RequestError ? error.code : undefined;
      if (attempt <= settings.retries && code !== 'ERR_INVALID_URL') {
        await sleep(settings.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      if (code && UNREACHABLE.includes(code)) throw storeError('store-unreachable', `cannot reach the store to ${call.task}`, call, 'a connection', `${code} (after ${tries})`, error);
      if (error instanceof TimeoutError) throw storeError('store-failed', `the store did not answer in time to ${call.task}`, call, `an answer within ${settings.timeoutMs} ms`, `a timeout (${error.event}) on each of ${tries}`, error);
      throw storeError('store-failed', `the request to ${call.task} failed`, call, 'an answer', `${code ?? ''}${code ? ': ' : ''}${(error as Error).message} (after ${tries})`, error);
    }
    const { status } = answer;
    if (status >= 200 && status < 300) return { status, requests: answers.length, answers };
    const found = statusText(answer, credentials, settings.answerCap);
    if (status === 401) throw storeError('store-unauthorized', `the store refused user ${JSON.stringify(credentials?.username)} to ${call.task}; check ${STORE_USER_ENV} and ${STORE_PASSWORD_ENV}`, call, 'accepted credentials', found);
    if (status === 403) {
      const who = credentials ? `user ${JSON.stringify(credentials.username)}` : 'an anonymous user';
      throw storeError('store-forbidden', `the store does not let ${who} ${call.task} (Virtuoso: grant SPARQL_UPDATE, and use the -auth endpoint)`, call, 'write access', found);
    }
    if (status >= 500) {
      if (attempt <= settings.retries) {
        await sleep(settings.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      throw storeError('store-failed', `the store failed to ${call.task}`, call, 'HTTP 200, 201 or 204', `${found} after ${tries}`);
    }
    throw storeError('store-failed', `the store did not ${call.task}`, call, 'HTTP 200, 201 or 204', found);
  }
}

/** Answers the challenge of a 401 with the credentials, or says what is missing. */
async function answerChallenge(answer: Answer, call: StoreCall, credentials: Credentials | undefined, send: (auth: string) => Promise<Answer>): Promise<Answer> {
  const challenge = challengeOf(answer.rawHeaders);
  if (challenge && credentials) {
    if (challenge.scheme === 'Basic' && new URL(call.target).protocol === 'http:' && !credentials.allowBasicOverHttp) {
      throw storeError(
        'store-unauthorized',
        `the store asks for Basic credentials over plain http to ${call.task}, which would send the password readable; use https, or allow it explicitly (--allow-basic-over-http or ${STORE_HTTP_BASIC_ENV}=1)`,
        call,
        'https, a Digest challenge, or an explicit permission for Basic over http',
        `HTTP 401 with a Basic challenge at ${call.store}; nothing was sent with the credentials`,
      );
    }
    return send(authorization(challenge, call, credentials));
  }
  const header = challengeText(answer.rawHeaders);
  throw storeError(
    'store-unauthorized',
    `the store asks for credentials to ${call.task}; set ${STORE_USER_ENV} and ${STORE_PASSWORD_ENV} (or pass them)`,
    call,
    'credentials',
    challenge ? `HTTP 401 with a ${challenge.scheme} challenge and no user given` : `HTTP 401 ${header ? `with an unsupported challenge ${JSON.stringify(header)}` : 'without a challenge'}`,
  );
}

function challengeText(rawHeaders: string[]): string {
  const values: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === 'www-authenticate') values.push(rawHeaders[i + 1]!);
  return values.join(', ');
}
