// The official SunCo npm client ships no types; tests use it as an independent oracle, untyped.
declare module "sunshine-conversations-client";
