// Plays a browser against real HTTP servers: a cookie jar per host, redirects followed only when asked.
export class Browser {
  private jars = new Map<string, Map<string, string>>();
  /** The raw Set-Cookie headers of the last response. */
  lastSetCookies: string[] = [];

  private jar(url: string): Map<string, string> {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    return jar;
  }

  cookie(url: string, name: string): string | undefined {
    return this.jar(url).get(name);
  }

  setCookie(url: string, name: string, value: string): void {
    this.jar(url).set(name, value);
  }

  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const jar = this.jar(url);
    const headers: Record<string, string> = { accept: 'text/html', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...init.headers };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const c of this.lastSetCookies) {
      const [pair, ...attrs] = c.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0\b/i.test(a.trim()));
      if (expired || value.join('=') === '') jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    return res;
  }

  /** Follows redirects (GET) until a page answers; returns it and its URL. */
  async follow(res: Response, from: string): Promise<{ res: Response; url: string }> {
    let url = from;
    while (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      res = await this.request(url);
    }
    return { res, url };
  }

  /** Opens the sign-in page and signs in; returns the response to the POST. */
  async signIn(baseUrl: string, username: string, password: string, next = '/'): Promise<Response> {
    const page = await (await this.request(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`)).text();
    return this.request(`${baseUrl}/sign-in`, { form: { _csrf: csrfIn(page), username, password, next } });
  }
}

export function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in the page');
  return m[1]!;
}
