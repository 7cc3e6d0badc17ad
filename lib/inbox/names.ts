// How the inbox names an end user: their profile name, the name their channel gave, their email, or a stand-in.

export interface EndUserNameParts {
  givenName: string | null;
  surname: string | null;
  displayName: string | null;
  email: string | null;
  suncoUserId: string | null;
}

export function endUserName(user: EndUserNameParts | null): string {
  if (!user) return "Unknown person";
  const profile = [user.givenName, user.surname].filter(Boolean).join(" ");
  return profile || user.displayName || user.email || `Visitor ${user.suncoUserId?.slice(-6) ?? ""}`.trim();
}
