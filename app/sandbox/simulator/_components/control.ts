// Calls to the sandbox's /_control endpoints from the simulator page; failures carry SunCo's error title.

export async function control<T>(url: string, init: { method?: string; json?: unknown; form?: FormData } = {}): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? (init.json !== undefined || init.form ? "POST" : "GET"),
    headers: init.json !== undefined ? { "content-type": "application/json" } : undefined,
    body: init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const titles = (body as { errors?: { title: string }[] }).errors?.map((e) => e.title);
    throw new Error(titles?.join(" ") || `The sandbox answered ${response.status}`);
  }
  return body as T;
}

export interface EndUser {
  id: string;
  externalId?: string;
  profile: { givenName?: string; surname?: string; email?: string };
  conversationIds: string[];
}

export interface Action {
  type: string;
  text: string;
  payload?: string;
  uri?: string;
}

export interface FormField {
  type: "text" | "email" | "select";
  name: string;
  label: string;
  placeholder?: string;
  options?: { name: string; label: string }[];
}

export interface Message {
  id: string;
  received: string;
  author: { type: "business" | "user"; userId?: string; displayName?: string };
  content: {
    type: string;
    text?: string;
    mediaUrl?: string;
    altText?: string;
    actions?: Action[];
    items?: { title: string; description?: string; mediaUrl?: string; actions?: Action[] }[];
    fields?: FormField[];
    submitted?: boolean;
    textFallback?: string;
    coordinates?: { lat: number; long: number };
    location?: { name?: string; address?: string };
    template?: Record<string, unknown>;
  };
}

export function endUserName(user: EndUser): string {
  const name = [user.profile.givenName, user.profile.surname].filter(Boolean).join(" ");
  return name || user.profile.email || user.externalId || `Visitor ${user.id.slice(-6)}`;
}
