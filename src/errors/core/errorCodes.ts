// Heroku's H (router), R (runtime) and L (logging) error codes: each one's title as Heroku
// names it, a line on what it means, how serious it is, and its Dev Center section. Plain Node.
import * as l10n from '@vscode/l10n';

export type ErrorLevel = 'critical' | 'warning' | 'info';

export interface ErrorCode {
  code: string;
  level: ErrorLevel;
  title: string;
  meaning: string;
  /** The section of https://devcenter.heroku.com/articles/error-codes (its `#` anchor). */
  anchor: string;
}

const DEV_CENTER = 'https://devcenter.heroku.com/articles/error-codes';

type Row = [code: string, level: ErrorLevel, anchor: string, title: () => string, meaning: () => string];

// Titles and meanings are functions: the words are read when shown, after the l10n bundle is set up.
const ROWS: Row[] = [
  ['H10', 'critical', 'h10-app-crashed', () => l10n.t('App crashed'), () => l10n.t('A web dyno crashed or failed to boot, so the router had nowhere to send the request.')],
  ['H11', 'critical', 'h11-backlog-too-deep', () => l10n.t('Backlog too deep'), () => l10n.t('Too many requests waited for a free dyno; the router turned new ones away.')],
  ['H12', 'critical', 'h12-request-timeout', () => l10n.t('Request timeout'), () => l10n.t('The app took more than 30 seconds to start answering a request.')],
  ['H13', 'critical', 'h13-connection-closed-without-response', () => l10n.t('Connection closed without response'), () => l10n.t('The dyno accepted the connection and closed it before sending a response.')],
  ['H14', 'critical', 'h14-no-web-dynos-running', () => l10n.t('No web dynos running'), () => l10n.t('The app has no web dynos scaled up to take requests.')],
  ['H15', 'warning', 'h15-idle-connection', () => l10n.t('Idle connection'), () => l10n.t('A connection sent no data for 55 seconds and the router closed it.')],
  ['H16', 'warning', 'h16-redirect-to-herokuapp-com', () => l10n.t('Redirect to herokuapp.com'), () => l10n.t('An app on a custom domain redirected to its herokuapp.com address (no longer reported).')],
  ['H17', 'warning', 'h17-poorly-formatted-http-response', () => l10n.t('Poorly formatted HTTP response'), () => l10n.t('The dyno answered with an HTTP response the router could not read.')],
  ['H18', 'critical', 'h18-server-request-interrupted', () => l10n.t('Server request interrupted'), () => l10n.t('The dyno closed the socket, or answered, before the request body was fully sent.')],
  ['H19', 'critical', 'h19-backend-connection-timeout', () => l10n.t('Backend connection timeout'), () => l10n.t('The router could not open a connection to the dyno within 5 seconds.')],
  ['H20', 'critical', 'h20-app-boot-timeout', () => l10n.t('App boot timeout'), () => l10n.t('The router gave up waiting for the web process to bind its port (75 seconds).')],
  ['H21', 'critical', 'h21-backend-connection-refused', () => l10n.t('Backend connection refused'), () => l10n.t('The dyno refused the router’s connection.')],
  ['H22', 'critical', 'h22-connection-limit-reached', () => l10n.t('Connection limit reached'), () => l10n.t('The app reached the router’s limit of open connections.')],
  ['H23', 'critical', 'h23-endpoint-misconfigured', () => l10n.t('Endpoint misconfigured'), () => l10n.t('A routing endpoint of the app is set up wrong (for example the PROXY protocol).')],
  ['H24', 'critical', 'h24-forced-close', () => l10n.t('Forced close'), () => l10n.t('A long-lived connection was closed after an hour, or when the router was shut down.')],
  ['H25', 'critical', 'h25-http-restriction', () => l10n.t('HTTP restriction'), () => l10n.t('The request broke one of the router’s HTTP rules (an oversized header or a malformed request).')],
  ['H26', 'critical', 'h26-request-error', () => l10n.t('Request error'), () => l10n.t('The client sent a request the router could not read.')],
  ['H27', 'info', 'h27-client-request-interrupted', () => l10n.t('Client request interrupted'), () => l10n.t('The client closed the connection before the response was sent.')],
  ['H28', 'warning', 'h28-client-connection-idle', () => l10n.t('Client connection idle'), () => l10n.t('The client sent nothing for 55 seconds while the router waited for the request.')],
  ['H31', 'critical', 'h31-misdirected-request', () => l10n.t('Misdirected request'), () => l10n.t('The request’s Host did not match the TLS name it was sent under.')],
  ['H80', 'warning', 'h80-maintenance-mode', () => l10n.t('Maintenance mode'), () => l10n.t('The app is in maintenance mode: the router served the maintenance page.')],
  ['H81', 'info', 'h81-blank-app', () => l10n.t('Blank app'), () => l10n.t('Nothing has been deployed to the app yet.')],
  ['H99', 'critical', 'h99-platform-error', () => l10n.t('Platform error'), () => l10n.t('An error inside Heroku’s router, not in the app; check Heroku’s status page.')],
  ['R10', 'critical', 'r10-boot-timeout', () => l10n.t('Boot timeout'), () => l10n.t('A web process did not bind its $PORT within 60 seconds of starting.')],
  ['R12', 'warning', 'r12-exit-timeout', () => l10n.t('Exit timeout'), () => l10n.t('A process did not exit within 30 seconds of SIGTERM and was killed.')],
  ['R13', 'warning', 'r13-attach-error', () => l10n.t('Attach error'), () => l10n.t('A one-off dyno could not attach to the terminal that started it.')],
  ['R14', 'critical', 'r14-memory-quota-exceeded', () => l10n.t('Memory quota exceeded'), () => l10n.t('A dyno used more memory than its size allows and is swapping to disk.')],
  ['R15', 'critical', 'r15-memory-quota-vastly-exceeded', () => l10n.t('Memory quota vastly exceeded'), () => l10n.t('A dyno used far more memory than its size allows and was killed.')],
  ['R151', 'warning', 'r15-memory-quota-vastly-exceeded', () => l10n.t('Memory quota vastly exceeded'), () => l10n.t('A dyno went far over its memory quota (the warning before R15’s kill).')],
  ['R16', 'warning', 'r16-detached', () => l10n.t('Detached'), () => l10n.t('An attached one-off dyno lost its terminal and went on running detached.')],
  ['R17', 'warning', 'r17-checksum-error', () => l10n.t('Checksum error'), () => l10n.t('The slug did not match its checksum when the dyno started.')],
  ['R99', 'warning', 'r99-platform-error', () => l10n.t('Platform error'), () => l10n.t('An error in Heroku’s runtime, not in the app; check Heroku’s status page.')],
  ['L10', 'warning', 'l10-drain-buffer-overflow', () => l10n.t('Drain buffer overflow'), () => l10n.t('A log drain could not keep up, so log lines were dropped on the way to it.')],
  ['L11', 'warning', 'l11-tail-buffer-overflow', () => l10n.t('Tail buffer overflow'), () => l10n.t('A log tail (like this extension’s) could not keep up and lines were dropped.')],
  ['L12', 'warning', 'l12-local-buffer-overflow', () => l10n.t('Local buffer overflow'), () => l10n.t('The app wrote logs faster than its dyno could send them; lines were dropped.')],
  ['L13', 'critical', 'l13-local-delivery-error', () => l10n.t('Local delivery error'), () => l10n.t('Logs could not be delivered from the dyno to Heroku’s log router.')],
  ['L14', 'warning', 'l14-certificate-validation-error', () => l10n.t('Certificate validation error'), () => l10n.t('A TLS log drain’s certificate could not be validated; its lines were not sent.')],
];

const CODE = /^[HRL]\d{2,3}$/;

/** Every code this table knows, in the table's order. */
export function knownCodes(): string[] {
  return ROWS.map((r) => r[0]);
}

/** A code's entry; an unknown but well-formed code gets a generic one that links to the list. */
export function errorCode(code: string): ErrorCode | undefined {
  const row = ROWS.find((r) => r[0] === code);
  if (row) return { code, level: row[1], anchor: row[2], title: row[3](), meaning: row[4]() };
  if (!CODE.test(code)) return undefined;
  return { code, level: 'warning', anchor: '', title: l10n.t('Unknown error code'), meaning: l10n.t('A code this extension does not know yet: see Heroku’s list of error codes.') };
}

/** A well-formed H, R or L code. */
export function isErrorCode(code: string): boolean {
  return CODE.test(code);
}

/** The Dev Center page of a code (its section when known). */
export function devCenterUrl(e: ErrorCode): string {
  return e.anchor ? `${DEV_CENTER}#${e.anchor}` : DEV_CENTER;
}
