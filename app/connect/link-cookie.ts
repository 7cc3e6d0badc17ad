// The cookie in which a connect link's visitor's browser keeps the link's token until the outcome page has shown it.
export const CONNECT_LINK_COOKIE = "sunbridge-connect-link";
