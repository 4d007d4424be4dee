// The two events between the page-world script and our content script on the scheduler. No imports: the page-world
// script must not pull in anything that needs the extension's APIs, which the page's world does not have.
export const TOKEN_EVENT = 'reclaim:collaborate-token';
export const TOKEN_ASK_EVENT = 'reclaim:collaborate-token-ask';
