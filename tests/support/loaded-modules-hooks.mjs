// Module hooks for loaded-packages.mjs: appends the URL of every ES module the process loads to a file (the hooks run on a thread of their own).
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, next) {
  appendFileSync(file, `${url}\n`);
  return next(url, context);
}
