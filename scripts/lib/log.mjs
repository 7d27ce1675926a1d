// Small console helpers for the run scripts: one voice, colours only on a TTY.
const tty = process.stdout.isTTY;
const paint = (code) => (text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = paint('1');
export const dim = paint('2');
export const red = paint('31');
export const green = paint('32');
export const yellow = paint('33');
export const cyan = paint('36');

export function step(message) {
  console.log(`${cyan('▸')} ${message}`);
}
export function ok(message) {
  console.log(`${green('✔')} ${message}`);
}
export function warn(message) {
  console.log(`${yellow('!')} ${message}`);
}
export function fail(message) {
  console.error(`${red('✖')} ${message}`);
}
